using System.Text.Json;
using KafkaAgent.Sandbox.Orchestration;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Watch;

/// <summary>
/// `scripts/sandbox watch`: an observer independent of the brokers and the agents, with its own ZooKeeper session.
/// Every interval it appends one <see cref="WatchSample"/> as a JSON line to the out file (flushed, so a reader can
/// follow it live); when stopped it prints (and optionally writes as JSON) the <see cref="WatchSummary"/>.
/// A sample that cannot be read (quorum lost, session expired) is recorded with its error, and the session is
/// replaced once it expired, so the watch carries on through the faults it is there to watch.
/// </summary>
internal sealed class ZooKeeperWatcher(SandboxState sandbox, WatchOptions options, TimeProvider time)
{
    public async Task<WatchSummary> RunAsync(TextWriter output, CancellationToken stop)
    {
        var samples = new List<WatchSample>();
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.OutFile));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = new StreamWriter(options.OutFile, append: false);
        using var deadline = options.Duration is { } d ? new CancellationTokenSource(d, time) : new CancellationTokenSource();
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
        ZooKeeperClient? zk = null;
        try
        {
            using var timer = new PeriodicTimer(options.Interval, time);
            do
            {
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                WatchSample sample;
                try
                {
                    zk ??= await SandboxUp.ConnectAsync(sandbox, both.Token);
                    using var read = CancellationTokenSource.CreateLinkedTokenSource(both.Token);
                    read.CancelAfter(ReadTimeout);
                    sample = await WatchReader.ReadAsync(zk, now, read.Token);
                }
                catch (Exception e) when (!both.IsCancellationRequested && e is ZooKeeperException or TimeoutException or OperationCanceledException or IOException or ObjectDisposedException)
                {
                    sample = WatchSample.Failed(now, e.Message);
                    if (zk is { State: ZooKeeperState.Expired or ZooKeeperState.Closed })
                    {
                        await zk.DisposeAsync();
                        zk = null;
                    }
                }

                samples.Add(sample);
                await file.WriteLineAsync(JsonSerializer.Serialize(sample, WatchJson.Default.WatchSample));
                await file.FlushAsync(CancellationToken.None);
            }
            while (await Tick(timer, both.Token));
        }
        catch (OperationCanceledException) when (both.IsCancellationRequested)
        {
            // Stopped (signal or --seconds) in the middle of a read: the samples so far are the record.
        }
        finally
        {
            if (zk is not null)
            {
                await zk.DisposeAsync();
            }
        }

        var summary = WatchSummary.From(samples);
        summary.Print(output);
        if (options.SummaryJsonFile is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(summary, WatchJson.Default.WatchSummary), CancellationToken.None);
        }

        return summary;
    }

    /// <summary>A read slower than this is recorded as failed, so one hung request cannot stall the record.</summary>
    private TimeSpan ReadTimeout => TimeSpan.FromMilliseconds(Math.Max(2000, options.Interval.TotalMilliseconds * 10));

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
