using KafkaAgent.Cycle;
using KafkaAgent.Diagnosis;
using KafkaAgent.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KafkaAgent.Hosting;

/// <summary>
/// The daemon's loop: runs <see cref="IAgentCycle"/> every <see cref="WorkerOptions.Interval"/>, or sooner when an
/// event source asks through <see cref="ICycleTrigger"/>; publishes each summary as the service status, and feeds
/// the watchdog only while cycles make progress.
/// </summary>
/// <remarks>
/// The keep-alive comes from this loop, never from a free-running timer: while the loop idles between cycles
/// or a cycle is within its timeout it pings; once a cycle overruns its timeout and ignores cancellation the
/// pings stop, so systemd's watchdog kills and restarts a wedged agent. Without a watchdog (a shell, Windows)
/// the worker stops the host itself with a failure exit code, so the service manager's recovery applies.
/// </remarks>
internal sealed class AgentWorker(
    IAgentCycle cycle,
    ICycleTrigger trigger,
    IServiceNotifier notifier,
    IOptions<WorkerOptions> options,
    IHostApplicationLifetime lifetime,
    AgentExit exit,
    ReloadGate reload,
    TimeProvider time,
    ILogger<AgentWorker> logger) : BackgroundService
{
    /// <summary>EX_SOFTWARE: the loop wedged; distinct from a configuration error (78).</summary>
    internal const int WedgedExitCode = 70;

    private bool _wedged;

    // A recheck lands just past the guard's own boundary (the planner compares with its own clock reading), and never
    // sooner than MinimumIdle after the cycle ended, so a guard computed in the past cannot spin the loop.
    private static readonly TimeSpan RecheckMargin = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MinimumIdle = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        var timeout = options.Value.CycleTimeout;
        // sd_watchdog_enabled(3) recommends pinging at half the watchdog timeout.
        var ping = notifier.WatchdogTimeout / 2;
        Log.WorkerStarted(logger, interval, timeout, notifier.WatchdogTimeout ?? TimeSpan.Zero);
        notifier.Status("Starting: first cycle running");

        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            // A reload in progress holds the gate until this host has stopped; the cycle never starts then.
            try
            {
                await reload.EnterCycleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            CycleResult? result;
            try
            {
                result = await RunCycleAsync(timeout, ping, stoppingToken);
            }
            finally
            {
                // A wedged cycle still runs: a reload must not start another beside it (the agent is exiting anyway).
                if (!_wedged)
                {
                    reload.ExitCycle();
                }
            }

            if (result is null)
            {
                return;
            }
            var summary = result.Summary;
            Log.CycleFinished(logger, summary.Text);
            notifier.Status(summary.Text);
            notifier.Watchdog();
            // A grace or settle that ends before the interval brings the next cycle forward: a definitive exit is
            // acted on the moment its settle ends, not a poll later.
            var wait = interval;
            if (result.RecheckAt is { } at)
            {
                var ahead = at - time.GetUtcNow() + RecheckMargin;
                var until = time.GetElapsedTime(started) + (ahead < MinimumIdle ? MinimumIdle : ahead);
                wait = until < interval ? until : interval;
            }
            if (!await IdleAsync(started, wait, ping, stoppingToken))
            {
                return;
            }
        }
    }

    /// <returns>The cycle's result, or null when the host is stopping or the loop wedged.</returns>
    private async Task<CycleResult?> RunCycleAsync(TimeSpan timeout, TimeSpan? ping, CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        var started = time.GetTimestamp();
        var running = Start(linked.Token);
        var tick = ping ?? timeout;

        while (!running.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            await WhenCompletedOrElapsedAsync(running, tick, stoppingToken);
            if (running.IsCompleted || stoppingToken.IsCancellationRequested)
            {
                break;
            }
            var elapsed = time.GetElapsedTime(started);
            if (elapsed < timeout)
            {
                notifier.Watchdog();
            }
            else if (elapsed >= timeout + tick)
            {
                // Cancelled at the deadline and still running a tick later: nothing in this process will unstick it.
                ReportWedged(elapsed - timeout);
                return null;
            }
        }

        try
        {
            return await running;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Log.CycleTimedOut(logger, timeout);
            return new CycleResult(new CycleSummary(CycleStatus.Unknown, $"UNKNOWN: cycle timed out after {timeout.TotalSeconds:0}s", time.GetUtcNow()), new DiagnosisReport([]));
        }
#pragma warning disable CA1031 // The loop must survive any failure of one cycle; the next cycle tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CycleFailed(logger, ex.Message, ex);
            return new CycleResult(new CycleSummary(CycleStatus.Unknown, "UNKNOWN: cycle failed: " + ex.Message, time.GetUtcNow()), new DiagnosisReport([]));
        }
    }

    private Task<CycleResult> Start(CancellationToken cancellationToken)
    {
        try
        {
            return cycle.RunOnceAsync(cancellationToken);
        }
#pragma warning disable CA1031 // A cycle that throws before its first await is handled like one that fails later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<CycleResult>(ex);
        }
    }

    private void ReportWedged(TimeSpan sinceCancelled)
    {
        _wedged = true;
        if (notifier.WatchdogTimeout is not null)
        {
            Log.CycleWedged(logger, sinceCancelled, "watchdog keep-alives stopped, systemd will restart the agent");
            notifier.Status("Wedged: a cycle ignored cancellation; waiting for the watchdog");
            return;
        }
        Log.CycleWedged(logger, sinceCancelled, "stopping the agent so its service manager restarts it");
        exit.Fail(WedgedExitCode);
        lifetime.StopApplication();
    }

    /// <returns>False when the host is stopping.</returns>
    private async Task<bool> IdleAsync(long cycleStarted, TimeSpan interval, TimeSpan? ping, CancellationToken stoppingToken)
    {
        // One wait per idle period, so the trigger also learns that a cycle just ended; cancelled on the way out,
        // it takes no pending request, and those wake the next idle period at once.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var triggered = trigger.WaitAsync(idle.Token);
        try
        {
            while (true)
            {
                if (triggered.IsCompletedSuccessfully)
                {
                    return true;
                }
                var remaining = interval - time.GetElapsedTime(cycleStarted);
                if (remaining <= TimeSpan.Zero)
                {
                    return true;
                }
                var delay = Task.Delay(ping is { } p && p < remaining ? p : remaining, time, idle.Token);
                await Task.WhenAny(delay, triggered);
                if (stoppingToken.IsCancellationRequested)
                {
                    return false;
                }
                if (delay.IsCompletedSuccessfully)
                {
                    notifier.Watchdog();
                }
            }
        }
        finally
        {
            await idle.CancelAsync();
            // Observe the wait's cancellation so it is never an unobserved task exception.
            await triggered.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task WhenCompletedOrElapsedAsync(Task running, TimeSpan delay, CancellationToken stoppingToken)
    {
        using var cancelTimer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(delay, time, cancelTimer.Token);
        await Task.WhenAny(running, timer);
        await cancelTimer.CancelAsync();
    }
}
