using System.Globalization;
using System.Text.Json;
using KafkaAgent.Sandbox.Faults;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// The orchestrator verbs behind scripts/sandbox:
///   up [--brokers 1|3] [--chroot /kafka] [--logdir-size 64m] [--user kafka]
///   down | status [--json] | fault NAME [--host N] [--files N|--all] [--owner U] [--percent P] [--seconds S]
/// all with [--dir DIR] (default ./.sandbox).
/// </summary>
internal static class SandboxCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args[0];
        var positional = new List<string>();
        var opts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--json" or "--all")
            {
                opts[args[i]] = "true";
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                opts[args[i]] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        var root = Path.GetFullPath(opts.GetValueOrDefault("--dir", SandboxLayout.DefaultRoot));
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        try
        {
            switch (verb)
            {
                case "up":
                    var options = new SandboxOptions
                    {
                        Root = root,
                        Brokers = Int(opts, "--brokers", 1),
                        Chroot = opts.GetValueOrDefault("--chroot", string.Empty),
                        LogDirSize = opts.GetValueOrDefault("--logdir-size", "64m"),
                        User = opts.GetValueOrDefault("--user", "kafka"),
                    };
                    try
                    {
                        var state = await SandboxUp.RunAsync(options, Console.Out, cts.Token);
                        SandboxStatusReader.Print(await SandboxStatusReader.ReadAsync(state, cts.Token), Console.Out);
                    }
                    catch (Exception) when (SandboxState.Load(root) is not null)
                    {
                        await Console.Error.WriteLineAsync($"up failed; the sandbox stays at {root} for inspection (`down` removes it)");
                        throw;
                    }
                    return 0;
                case "down":
                    await SandboxDown.RunAsync(root, Console.Out, cts.Token);
                    return 0;
                case "status":
                    var s = SandboxState.Load(root) ?? throw new InvalidOperationException($"no sandbox at {root} (run `up`)");
                    var status = await SandboxStatusReader.ReadAsync(s, cts.Token);
                    if (opts.ContainsKey("--json"))
                    {
                        Console.WriteLine(JsonSerializer.Serialize(status, Json));
                    }
                    else
                    {
                        SandboxStatusReader.Print(status, Console.Out);
                    }
                    return 0;
                default:
                    if (positional.Count == 0)
                    {
                        Console.WriteLine("faults:");
                        foreach (var (name, help) in FaultInjector.Catalog)
                        {
                            Console.WriteLine($"  {name,-18} {help}");
                        }
                        return 64;
                    }
                    var sandbox = SandboxState.Load(root) ?? throw new InvalidOperationException($"no sandbox at {root} (run `up`)");
                    var report = await FaultInjector.InjectAsync(sandbox, new FaultRequest(positional[0])
                    {
                        Host = Int(opts, "--host", 1),
                        Files = Int(opts, "--files", 3),
                        All = opts.ContainsKey("--all"),
                        Owner = opts.GetValueOrDefault("--owner", "root"),
                        Percent = double.Parse(opts.GetValueOrDefault("--percent", "100"), CultureInfo.InvariantCulture),
                        Seconds = double.Parse(opts.GetValueOrDefault("--seconds", "20"), CultureInfo.InvariantCulture),
                    }, cts.Token);
                    Console.WriteLine($"{report.Fault} on host-{report.Host}: {report.Summary}");
                    foreach (var d in report.Details)
                    {
                        Console.WriteLine($"  {d}");
                    }
                    return 0;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or TimeoutException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static int Int(Dictionary<string, string> opts, string key, int fallback) =>
        opts.TryGetValue(key, out var v)
            ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{key} takes a whole number, not '{v}'")
            : fallback;
}
