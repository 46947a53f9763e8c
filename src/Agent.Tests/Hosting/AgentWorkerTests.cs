using KafkaAgent.Cycle;
using KafkaAgent.Diagnosis;
using KafkaAgent.Events;
using KafkaAgent.Hosting;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KafkaAgent.Tests.Hosting;

public sealed class AgentWorkerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CycleTimeout = TimeSpan.FromSeconds(6);

    private readonly SteppingTimeProvider _time = new();
    private readonly FakeHostApplicationLifetime _lifetime = new();
    private readonly AgentExit _exit = new();
    private readonly TestMeterFactory _meters = new();
    private readonly ReloadGate _reload = new();
    private readonly CycleTrigger _trigger;

    public AgentWorkerTests() => _trigger = new CycleTrigger(_time, _meters, NullLogger<CycleTrigger>.Instance);

    public void Dispose()
    {
        _meters.Dispose();
        _reload.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_ReloadPausesDuringCycle_WaitsForItAndStartsNoOther()
    {
        var release = new TaskCompletionSource();
        var cycle = FakeAgentCycle.FirstWaitingFor(release.Task, _time);
        var notifier = new FakeServiceNotifier();
        using var worker = await StartAsync(cycle, notifier, "STATUS=Starting");

        var pausing = _reload.PauseCyclesAsync(CancellationToken.None);
        Assert.False(pausing.IsCompleted);
        release.SetResult();
        using (await pausing)
        {
            Assert.True(_reload.InProgress);
            Assert.Equal("STATUS=OK: cycle 1", await notifier.NextStartingWithAsync("STATUS="));
            // The reload holds the gate: the interval passes, the next cycle does not start.
            await _time.AdvanceWhenWaitingAsync(Interval);
            await Task.Yield();
            Assert.Equal(1, cycle.Runs);
        }

        Assert.Equal("STATUS=OK: cycle 2", await notifier.NextStartingWithAsync("STATUS="));
        Assert.Equal(1, cycle.MaxConcurrent);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_TriggeredWhileIdle_RunsNextCycleAtOnce()
    {
        var cycle = FakeAgentCycle.Returning(_time);
        var notifier = new FakeServiceNotifier();
        using var worker = await StartAsync(cycle, notifier, "STATUS=OK: cycle 1");
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));

        _trigger.Request(DetectionEvent.KafkaExit, _time.GetTimestamp());

        // No time passes: the trigger, not the interval, started cycle 2.
        Assert.Equal("STATUS=OK: cycle 2", await notifier.NextStartingWithAsync("STATUS="));
        Assert.Equal(2, cycle.Runs);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_TriggeredDuringCycle_OneMoreCycleAfterIt()
    {
        var release = new TaskCompletionSource();
        var cycle = FakeAgentCycle.FirstWaitingFor(release.Task, _time);
        var notifier = new FakeServiceNotifier();
        using var worker = await StartAsync(cycle, notifier, "STATUS=Starting");

        // A burst while cycle 1 runs: one more cycle, not three, and never two at once.
        _trigger.Request(DetectionEvent.KafkaExit, _time.GetTimestamp());
        _trigger.Request(DetectionEvent.RegistrationLost, _time.GetTimestamp());
        _trigger.Request(DetectionEvent.SessionLost, _time.GetTimestamp());
        release.SetResult();

        Assert.Equal("STATUS=OK: cycle 1", await notifier.NextStartingWithAsync("STATUS="));
        Assert.Equal("STATUS=OK: cycle 2", await notifier.NextStartingWithAsync("STATUS="));
        await _time.WaitUntilWaitingAsync();
        Assert.Equal(2, cycle.Runs);
        Assert.Equal(1, cycle.MaxConcurrent);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_Started_PublishesStartingThenFirstSummaryAtOnce()
    {
        var cycle = FakeAgentCycle.Returning(_time);
        var notifier = new FakeServiceNotifier();
        using var worker = CreateWorker(cycle, notifier);

        await worker.StartAsync(CancellationToken.None);

        Assert.Equal("STATUS=Starting: first cycle running", await notifier.NextAsync());
        Assert.Equal("STATUS=OK: cycle 1", await notifier.NextAsync());
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_IntervalElapses_RunsNextCycleNotBefore()
    {
        var cycle = FakeAgentCycle.Returning(_time);
        var notifier = new FakeServiceNotifier();
        using var worker = await StartAsync(cycle, notifier, "STATUS=OK: cycle 1");

        await _time.AdvanceWhenWaitingAsync(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, cycle.Runs);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("STATUS=OK: cycle 2", await notifier.NextStartingWithAsync("STATUS="));
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_WatchdogArmed_PingsAtHalfTheWatchdogTimeoutWhileIdle()
    {
        var cycle = FakeAgentCycle.Returning(_time);
        var notifier = new FakeServiceNotifier(watchdogTimeout: TimeSpan.FromSeconds(4));
        using var worker = await StartAsync(cycle, notifier, "STATUS=OK: cycle 1");
        Assert.Equal("WATCHDOG=1", await notifier.NextAsync());

        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("WATCHDOG=1", await notifier.NextAsync());
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("WATCHDOG=1", await notifier.NextAsync());

        Assert.Equal(1, cycle.Runs);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_CycleIgnoresCancellation_StopsPingingAndLeavesTheKillToSystemd()
    {
        var wedged = new TaskCompletionSource<CycleSummary>();
        var cycle = new FakeAgentCycle((_, _) => wedged.Task);
        var notifier = new FakeServiceNotifier(watchdogTimeout: TimeSpan.FromSeconds(4));
        using var worker = await StartAsync(cycle, notifier, "STATUS=Starting");

        // Pings every 2 s while the cycle is within its 6 s timeout, then none.
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("WATCHDOG=1", await notifier.NextAsync());
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("WATCHDOG=1", await notifier.NextAsync());
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));

        Assert.StartsWith("STATUS=Wedged", await notifier.NextAsync(), StringComparison.Ordinal);
        // The worker's loop has returned: nothing can be sent after this, so the check below cannot race.
        await worker.ExecuteTask!;
        Assert.True(notifier.IsDrained, string.Join(", ", notifier.All));
        Assert.Equal(2, notifier.Pings);
        Assert.False(_lifetime.StopRequested);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_CycleWedgedWithoutWatchdog_StopsTheHostWithExitCode70()
    {
        var wedged = new TaskCompletionSource<CycleSummary>();
        var cycle = new FakeAgentCycle((_, _) => wedged.Task);
        var notifier = new FakeServiceNotifier();
        using var worker = await StartAsync(cycle, notifier, "STATUS=Starting");

        await _time.AdvanceWhenWaitingAsync(CycleTimeout);
        Assert.False(_lifetime.StopRequested);
        await _time.AdvanceWhenWaitingAsync(CycleTimeout);
        await worker.ExecuteTask!;

        Assert.True(_lifetime.StopRequested);
        Assert.Equal(AgentWorker.WedgedExitCode, _exit.Code);
    }

    [Fact]
    public async Task ExecuteAsync_CycleHonoursTimeout_ReportsUnknownAndRunsTheNextCycle()
    {
        var cycle = new FakeAgentCycle(async (n, ct) =>
        {
            if (n == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct);
            }
            return FakeAgentCycle.Ok(n, _time);
        });
        var notifier = new FakeServiceNotifier();
        using var worker = await StartAsync(cycle, notifier, "STATUS=Starting");

        await _time.AdvanceWhenWaitingAsync(CycleTimeout);
        Assert.Equal("STATUS=UNKNOWN: cycle timed out after 6s", await notifier.NextStartingWithAsync("STATUS="));
        await _time.AdvanceWhenWaitingAsync(Interval - CycleTimeout);

        Assert.Equal("STATUS=OK: cycle 2", await notifier.NextStartingWithAsync("STATUS="));
        Assert.False(_lifetime.StopRequested);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_CycleThrows_ReportsTheFailureAndKeepsRunning()
    {
        var cycle = new FakeAgentCycle((n, _) => n == 1
            ? throw new InvalidOperationException("probe exploded")
            : Task.FromResult(FakeAgentCycle.Ok(n, _time)));
        var notifier = new FakeServiceNotifier();
        using var worker = CreateWorker(cycle, notifier);
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal("STATUS=UNKNOWN: cycle failed: probe exploded", await notifier.NextStartingWithAsync("STATUS=UNKNOWN"));
        await _time.AdvanceWhenWaitingAsync(Interval);

        Assert.Equal("STATUS=OK: cycle 2", await notifier.NextStartingWithAsync("STATUS="));
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_WhileIdle_EndsTheLoopWithoutAnotherCycle()
    {
        var cycle = FakeAgentCycle.Returning(_time);
        var notifier = new FakeServiceNotifier();
        using var worker = await StartAsync(cycle, notifier, "STATUS=OK: cycle 1");
        await _time.WaitUntilWaitingAsync();

        await worker.StopAsync(CancellationToken.None);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(1, cycle.Runs);
        Assert.Equal(0, _exit.Code);
    }

    /// <summary>Starts a worker and waits for its first notification that starts with <paramref name="first"/>.</summary>
    private async Task<AgentWorker> StartAsync(FakeAgentCycle cycle, FakeServiceNotifier notifier, string first)
    {
        var worker = CreateWorker(cycle, notifier);
        await worker.StartAsync(CancellationToken.None);
        await notifier.NextStartingWithAsync(first);
        return worker;
    }

    private AgentWorker CreateWorker(FakeAgentCycle cycle, FakeServiceNotifier notifier) =>
        new(cycle, _trigger, notifier,
            Options.Create(new WorkerOptions { Interval = Interval, CycleTimeout = CycleTimeout }),
            _lifetime, _exit, _reload, _time, NullLogger<AgentWorker>.Instance);
}
