using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KafkaAgent.Configuration;
using KafkaAgent.Remediation;
using KafkaAgent.State;

namespace KafkaAgent.Cli;

/// <summary><c>kafka-agent status [--json]</c>: the mode, the pause, open circuits and the last actions with their outcomes, from state.json.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var config = ConfigOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON for machines." };
        var command = new Command("status", "Show the mode, the pause, open circuits and the last actions.") { config, json };
        command.SetAction(parse =>
        {
            var store = StateCommands.OpenStore(parse, config, out var settings);
            if (store is null)
            {
                return ConfigurationException.ExitCode;
            }

            AgentState state;
            try
            {
                state = store.Load();
            }
            catch (Exception ex) when (ex is StateStoreException or IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"kafka-agent: state: {ex.Message}");
                return StateCommands.StateExitCode;
            }

            var now = TimeProvider.System.GetUtcNow();
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(json) ? Json(settings!, state, now) : Text(settings!, state, now));
            return 0;
        });
        return command;
    }

    internal static string Text(AgentSettings settings, AgentState state, DateTimeOffset now)
    {
        var b = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        b.Append(inv, $"mode: {Mode(settings)}\n");
        b.Append(state.IsPaused(now) ? string.Create(inv, $"paused: until {state.Pause!.Until:u}: {state.Pause.Reason}\n") : "paused: no\n");
        if (state.DisruptiveHeldReason is { } held)
        {
            b.Append(inv, $"disruptive actions held in observe until `kafka-agent reset`: {held}\n");
        }

        var open = ActionNames.All.Where(a => state.OpenCircuit(a, now, settings.Heal.CoolOff) is not null).ToList();
        b.Append(open.Count == 0 ? "circuits: all closed\n" : "circuits open:\n");
        foreach (var a in open)
        {
            var c = state.Circuits[a];
            b.Append(inv, $"  {a}: since {c.OpenSince:u}, closes {c.OpenSince + settings.Heal.CoolOff:u}: {c.Reason}\n");
        }

        b.Append(state.LastActions.Count == 0 ? "last actions: none\n" : "last actions:\n");
        foreach (var r in state.LastActions)
        {
            b.Append(inv, $"  {r.At:u} {r.Action} {r.Result}: {r.Detail}\n");
        }

        return b.ToString();
    }

    internal static string Json(AgentSettings settings, AgentState state, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("mode", Mode(settings));
            if (state.IsPaused(now))
            {
                w.WriteStartObject("pause");
                w.WriteString("since", state.Pause!.Since);
                w.WriteString("until", state.Pause.Until);
                w.WriteString("reason", state.Pause.Reason);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("pause");
            }

            w.WriteString("disruptive_held_reason", state.DisruptiveHeldReason);
            w.WriteStartObject("circuits");
            foreach (var a in ActionNames.All)
            {
                var c = state.OpenCircuit(a, now, settings.Heal.CoolOff);
                w.WriteStartObject(a);
                w.WriteBoolean("open", c is not null);
                if (c is not null)
                {
                    w.WriteString("open_since", c.OpenSince);
                    w.WriteString("closes_at", c.OpenSince + settings.Heal.CoolOff);
                    w.WriteString("reason", c.Reason);
                }

                w.WriteNumber("attempts_in_window", state.AttemptsSince(a, now - settings.Heal.BudgetWindow));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("last_actions");
            foreach (var r in state.LastActions)
            {
                w.WriteStartObject();
                w.WriteString("action", r.Action);
                w.WriteString("at", r.At);
                w.WriteString("result", r.Result);
                w.WriteString("detail", r.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Mode(AgentSettings settings) => settings.Mode.ToString().ToLowerInvariant();
}
