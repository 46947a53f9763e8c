using KafkaAgent.Cli;

namespace KafkaAgent.Tests.Cli;

/// <summary>Runs the real command line in-process, as the binary's Main would, with its output and error captured.</summary>
internal static class AgentCli
{
    public static async Task<(int Exit, string Output, string Error)> InvokeAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = AgentCommandLine.Build().Parse(arguments);
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        var exit = await parse.InvokeAsync();
        return (exit, output.ToString(), error.ToString());
    }
}
