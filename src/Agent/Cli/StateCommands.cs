using System.CommandLine;
using KafkaAgent.Configuration;
using KafkaAgent.Remediation;
using KafkaAgent.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Cli;

/// <summary>
/// <c>pause</c>, <c>resume</c>, <c>reset [ACTION]</c>: operator changes to the persisted state. They go through the
/// same locked store as the daemon, so they take effect on its next cycle while it runs.
/// </summary>
internal static class StateCommands
{
    /// <summary>EX_USAGE: a bad argument.</summary>
    public const int UsageExitCode = 64;

    /// <summary>EX_CANTCREAT: the state directory cannot be used.</summary>
    public const int StateExitCode = 73;

    public static Command Pause()
    {
        var config = ConfigOption.Create();
        var duration = new Option<string>("--for") { Description = "How long, e.g. 30m, 2h, 1h30m. The pause ends by itself.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, for the journal and `status`.", Required = true };
        var command = new Command("pause", "Stop all remediation for a while (maintenance); probes and metrics go on.") { config, duration, reason };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!DurationText.TryParse(parse.GetValue(duration)!, out var d) || d > TimeSpan.FromDays(30))
            {
                error.WriteLine($"kafka-agent: --for: '{parse.GetValue(duration)}' is not a duration such as 30m, 2h or 1h30m (at most 30d)");
                return UsageExitCode;
            }

            var text = parse.GetValue(reason)!.Trim();
            if (text.Length == 0)
            {
                error.WriteLine("kafka-agent: --reason: must not be empty");
                return UsageExitCode;
            }

            return Change(parse, config, s => s.Paused(TimeProvider.System.GetUtcNow(), d, text),
                s => $"paused until {s.Pause!.Until:u} ({DurationText.Format(d)}): {text}");
        });
        return command;
    }

    public static Command Resume()
    {
        var config = ConfigOption.Create();
        var command = new Command("resume", "End a pause now.") { config };
        command.SetAction(parse => Change(parse, config, s => s.Resumed(), _ => "resumed: remediation runs again from the next cycle"));
        return command;
    }

    public static Command Reset()
    {
        var config = ConfigOption.Create();
        var action = new Argument<string?>("action") { Description = "One action (e.g. start_kafka); default: every action.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("reset", "Close open circuits and forget attempts (of one action or all); lifts the hold set after an unreadable state file.") { config, action };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(action);
            if (name is not null && !ActionNames.All.Contains(name, StringComparer.Ordinal))
            {
                parse.InvocationConfiguration.Error.WriteLine($"kafka-agent: reset: unknown action '{name}'; one of {string.Join(", ", ActionNames.All)}");
                return UsageExitCode;
            }

            return Change(parse, config, s => s.Reset(name), _ => name is null ? "reset: every circuit closed, attempts forgotten" : $"reset: {name} circuit closed, attempts forgotten");
        });
        return command;
    }

    internal static IStateStore? OpenStore(ParseResult parse, Option<string> config, out AgentSettings? settings)
    {
        settings = ConfigOption.Load(parse.GetValue(config)!, parse.InvocationConfiguration.Error);
        return settings is null ? null : new JsonFileStateStore(settings.StateDirectory, TimeProvider.System, NullLogger<JsonFileStateStore>.Instance);
    }

    private static int Change(ParseResult parse, Option<string> config, Func<AgentState, AgentState> change, Func<AgentState, string> describe)
    {
        var store = OpenStore(parse, config, out _);
        if (store is null)
        {
            return ConfigurationException.ExitCode;
        }

        try
        {
            var state = store.Update(change);
            parse.InvocationConfiguration.Output.WriteLine(describe(state));
            return 0;
        }
        catch (Exception ex) when (ex is StateStoreException or IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"kafka-agent: state: {ex.Message}");
            return StateExitCode;
        }
    }
}
