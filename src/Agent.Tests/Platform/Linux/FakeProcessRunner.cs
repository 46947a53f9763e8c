using KafkaAgent.Platform;

namespace KafkaAgent.Tests.Platform.Linux;

/// <summary>Answers every command with one fixed result (or exception) and records what was run.</summary>
internal sealed class FakeProcessRunner(ProcessResult? result = null, Exception? failure = null) : IProcessRunner
{
    public List<string> Commands { get; } = [];

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Commands.Add(string.Join(' ', [fileName, .. arguments]));
        return failure is null ? Task.FromResult(result!) : Task.FromException<ProcessResult>(failure);
    }
}
