using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace KafkaAgent.Bench.Zk;

/// <summary>Runs kazoo_bench.py with Debian's python (where python3-kazoo lives) and reads its JSON line.</summary>
internal static class KazooRunner
{
    private const string Python = "/usr/bin/python3";

    public static async Task<ReadFigures> RunAsync(string connectionString, int serverPid, ZkBenchSettings settings, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "kazoo_bench.py"), connectionString, settings.Path,
            Invariant(settings.ThroughputReads), Invariant(settings.LatencyReads), Invariant(settings.WarmupReads), Invariant(serverPid),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kazoo benchmark failed (exit {process.ExitCode}): {await errors}");
        }

        using var json = JsonDocument.Parse(await output);
        var root = json.RootElement;
        return new ReadFigures(
            root.GetProperty("throughput").GetDouble(),
            root.GetProperty("p50_us").GetDouble(),
            root.GetProperty("p99_us").GetDouble(),
            root.GetProperty("client_cpu_us_per_read").GetDouble(),
            root.GetProperty("server_cpu_us_per_read").GetDouble());
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
