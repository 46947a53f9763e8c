using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Events;

/// <summary>
/// Requests a cycle the moment Kafka's or ZooKeeper's main process exits: each located pid is opened as a pidfd
/// and polled on a thread of its own. After every cycle the pid is located again (a restarted service has a new
/// one); a pid that is not the service's own (reused by another program) is never watched.
/// </summary>
internal sealed class ProcessExitWatcher(
    IEnumerable<IProcessLocator> locators,
    ICycleTrigger trigger,
    Coordination.BrokerProcessLedger ledger,
    TimeProvider time,
    ILogger<ProcessExitWatcher> logger) : BackgroundService
{
    // How often a polling thread looks up from poll(2) to notice cancellation; exits are reported at once regardless.
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(locators.Select(l => WatchAsync(l, stoppingToken)));

    private async Task WatchAsync(IProcessLocator locator, CancellationToken stoppingToken)
    {
        await Task.Yield(); // A /proc scan must not hold up the host's start.
        int? exited = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var cycleEnded = trigger.WhenCycleEndedAsync(stoppingToken);
                using var watched = await OpenAsync(locator, exited, stoppingToken);
                if (watched is null)
                {
                    await cycleEnded;
                    continue;
                }
                exited = await WatchUntilExitOrRelocatedAsync(locator, watched, stoppingToken) ? watched.Pid : exited;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing source must not stop the host: polling remains the backstop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.SourceFailed(logger, locator.Service, ex.Message, ex);
                await trigger.WhenCycleEndedAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <returns>True when the process exited (a cycle was requested); false when another pid should be watched.</returns>
    private async Task<bool> WatchUntilExitOrRelocatedAsync(IProcessLocator locator, WatchedProcess watched, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var exit = WaitForExitAsync(watched.Fd, stop.Token);
        try
        {
            while (true)
            {
                var cycleEnded = trigger.WhenCycleEndedAsync(stop.Token);
                if (await Task.WhenAny(exit, cycleEnded) == exit)
                {
                    var at = await exit;
                    if (locator.ExitEvent == DetectionEvent.KafkaExit)
                    {
                        // Before the request: the cycle it starts may judge the stale registration by this exit.
                        ledger.Exited(watched.Pid, time.GetUtcNow() - time.GetElapsedTime(at));
                    }
                    trigger.Request(locator.ExitEvent, at);
                    Log.ProcessExited(logger, locator.Service, watched.Pid);
                    return true;
                }
                await cycleEnded;
                var again = await locator.LocateAsync(stoppingToken);
                if (again.Pid != watched.Pid)
                {
                    return false;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await ((Task)exit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Blocks a dedicated thread in poll(2); returns the timestamp taken right after poll reported the exit.</summary>
    private Task<long> WaitForExitAsync(PidFd fd, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            while (!fd.WaitForExit(PollSlice))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            return time.GetTimestamp();
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Locates the pid and opens it, refusing a pid whose command line is not the service's.</summary>
    internal async Task<WatchedProcess?> OpenAsync(IProcessLocator locator, int? alreadyReported, CancellationToken cancellationToken)
    {
        var candidate = await locator.LocateAsync(cancellationToken);
        if (candidate.Pid is not { } pid || pid == alreadyReported)
        {
            return null;
        }

        // Open first, then identify: once the pidfd is open the pid cannot be recycled under it while it is
        // unreaped, so a command line read now and a pidfd not yet readable both speak of the same process.
        var fd = PidFd.Open(pid);
        if (fd is null)
        {
            return null;
        }
        if (!candidate.Trusted && !(ProcessIdentity.CommandLine(pid) is { } args && locator.Identifies(args)))
        {
            fd.Dispose();
            Log.ProcessNotWatched(logger, locator.Service, $"pid {pid} ({candidate.Source}) is not {locator.Service}: its pid was reused or the file is stale; not watched");
            return null;
        }
        if (fd.WaitForExit(TimeSpan.Zero))
        {
            fd.Dispose();
            return null;
        }

        if (locator.ExitEvent == DetectionEvent.KafkaExit && ProcessIdentity.StartedAt(pid) is { } started)
        {
            ledger.Watching(pid, started);
        }
        Log.WatchingProcess(logger, locator.Service, pid, candidate.Source);
        return new WatchedProcess(pid, fd);
    }

    internal sealed record WatchedProcess(int Pid, PidFd Fd) : IDisposable
    {
        public void Dispose() => Fd.Dispose();
    }
}
