using System.Globalization;
using System.Text.Json;
using System.Runtime.InteropServices;
using KafkaAgent.Sandbox.Faults;
using KafkaAgent.Sandbox.Watch;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// The orchestrator verbs behind scripts/sandbox (see <see cref="SandboxUsage"/>): up, status, fault, down,
/// each with [--dir DIR]; without it, status, fault and down act on the last `up`'s directory.
/// </summary>
internal static class SandboxCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<int> RunAsync(string[] args, SandboxDirectory directories, TextWriter output, TextWriter error)
    {
        var verb = args[0];
        var positional = new List<string>();
        var opts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--json" or "--all" or "--help" or "-h")
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
        if (opts.ContainsKey("--help") || opts.ContainsKey("-h"))
        {
            await output.WriteLineAsync(SandboxUsage.Text);
            return 0;
        }
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        // `watch` runs until stopped; a test or script stops it with SIGTERM and still wants the summary.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        try
        {
            if (verb == "fault" && positional.Count == 0)
            {
                await output.WriteLineAsync("faults:");
                foreach (var (name, help) in FaultInjector.Catalog)
                {
                    await output.WriteLineAsync($"  {name,-18} {help}");
                }
                return 64;
            }
            var (root, note) = directories.Resolve(verb, opts.GetValueOrDefault("--dir"));
            if (note is not null)
            {
                await error.WriteLineAsync(note);
            }
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
                        IsrCatchUpSeconds = double.Parse(opts.GetValueOrDefault("--isr-catch-up-seconds", "5"), CultureInfo.InvariantCulture),
                    };
                    try
                    {
                        var state = await SandboxUp.RunAsync(options, output, cts.Token);
                        SandboxStatusReader.Print(await SandboxStatusReader.ReadAsync(state, cts.Token), output);
                    }
                    catch (Exception) when (SandboxState.Load(root) is not null)
                    {
                        await error.WriteLineAsync($"up failed; the sandbox stays at {root} for inspection (`down` removes it)");
                        throw;
                    }
                    finally
                    {
                        if (SandboxMarker.IsSandbox(root))
                        {
                            directories.Remember(root);
                        }
                    }
                    return 0;
                case "down":
                    await SandboxDown.RunAsync(root, output, cts.Token);
                    directories.Forget(root);
                    return 0;
                case "status":
                    var s = SandboxState.Load(root) ?? throw new InvalidOperationException($"no sandbox at {root} (run `up`)");
                    var status = await SandboxStatusReader.ReadAsync(s, cts.Token);
                    if (opts.ContainsKey("--json"))
                    {
                        await output.WriteLineAsync(JsonSerializer.Serialize(status, Json));
                    }
                    else
                    {
                        SandboxStatusReader.Print(status, output);
                    }
                    return 0;
                case "watch":
                    var watched = SandboxState.Load(root) ?? throw new InvalidOperationException($"no sandbox at {root} (run `up`)");
                    var watchOptions = new WatchOptions(
                        opts.GetValueOrDefault("--out") ?? throw new ArgumentException("watch needs --out FILE (the JSON lines record)"),
                        TimeSpan.FromMilliseconds(Positive(opts, "--interval-ms", 100)),
                        opts.ContainsKey("--seconds") ? TimeSpan.FromSeconds(Positive(opts, "--seconds", 0)) : null,
                        opts.GetValueOrDefault("--summary-json"));
                    await new ZooKeeperWatcher(watched, watchOptions, TimeProvider.System).RunAsync(output, cts.Token);
                    return 0;
                default:
                    var sandbox = SandboxState.Load(root) ?? throw new InvalidOperationException($"no sandbox at {root} (run `up`)");
                    var report = await FaultInjector.InjectAsync(sandbox, new FaultRequest(positional[0])
                    {
                        Host = Int(opts, "--host", 1),
                        Files = Int(opts, "--files", 3),
                        All = opts.ContainsKey("--all"),
                        Owner = opts.GetValueOrDefault("--owner", "root"),
                        Percent = double.Parse(opts.GetValueOrDefault("--percent", "100"), CultureInfo.InvariantCulture),
                        Seconds = double.Parse(opts.GetValueOrDefault("--seconds", "20"), CultureInfo.InvariantCulture),
                        With = opts.GetValueOrDefault("--with", "segments"),
                    }, cts.Token);
                    await output.WriteLineAsync($"{report.Fault} on host-{report.Host}: {report.Summary}");
                    foreach (var d in report.Details)
                    {
                        await output.WriteLineAsync($"  {d}");
                    }
                    return 0;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or TimeoutException or IOException or FormatException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static int Positive(Dictionary<string, string> opts, string key, int fallback) =>
        Int(opts, key, fallback) is > 0 and var n ? n : throw new ArgumentException($"{key} takes a whole number above 0");

    private static int Int(Dictionary<string, string> opts, string key, int fallback) =>
        opts.TryGetValue(key, out var v)
            ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{key} takes a whole number, not '{v}'")
            : fallback;
}
