using KafkaAgent.Platform;

namespace KafkaAgent.Tests.Platform;

/// <summary>Records every command; answers through <see cref="Answer"/> (exit 0, no output by default).</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    public List<string> Commands { get; } = [];

    /// <summary>Given "program arg arg", the result (or throw to simulate a timeout).</summary>
    public Func<string, ProcessResult> Answer { get; set; } = _ => new ProcessResult(0, "");

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = string.Join(' ', [fileName, .. arguments]);
        lock (Commands)
        {
            Commands.Add(command);
        }

        return Task.FromResult(Answer(command));
    }
}
