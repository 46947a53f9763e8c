using System.Diagnostics;
using KafkaAgent.Events;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Events;

/// <summary>The pidfd watcher against real child processes killed with SIGKILL.</summary>
[Trait("Category", "Integration")]
public sealed class ProcessExitWatcherTests : IDisposable
{
    private readonly FakeCycleTrigger _trigger = new();
    private readonly FakeLogger<ProcessExitWatcher> _logger = new();
    private readonly List<Process> _children = [];

    public void Dispose()
    {
        foreach (var child in _children)
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
            child.WaitForExit();
            child.Dispose();
        }
    }

    /// <summary>bash running a sleep (no exec), with <paramref name="name"/> as $0: it shows in /proc/PID/cmdline.</summary>
    private Process StartChild(string name)
    {
        var start = new ProcessStartInfo("/bin/bash") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[] { "-c", "sleep 600; :", name })
        {
            start.ArgumentList.Add(a);
        }
        var child = Process.Start(start)!;
        _children.Add(child);
        return child;
    }

    private ProcessExitWatcher Watcher(IProcessLocator locator) => new([locator], _trigger, new KafkaAgent.Coordination.BrokerProcessLedger(), new FakeTimeProvider(), _logger);

    [Fact]
    public async Task Watch_KafkaKilledWithSigkill_RequestsKafkaExit()
    {
        var kafka = StartChild("kafka.Kafka");
        using var watcher = Watcher(new FixedLocator(kafka.Id, Trusted: false));
        await watcher.StartAsync(CancellationToken.None);
        await WaitForLogAsync($"Watching kafka pid {kafka.Id}");
        Assert.Empty(_trigger.Requests);

        kafka.Kill(); // SIGKILL on Linux

        await _trigger.WaitForAsync(DetectionEvent.KafkaExit, TimeSpan.FromSeconds(30));
        Assert.Equal([DetectionEvent.KafkaExit], _trigger.Requests);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Watch_RestartedWithNewPid_WatchesTheNewOneAfterTheCycle()
    {
        var first = StartChild("kafka.Kafka");
        var locator = new FixedLocator(first.Id, Trusted: false);
        using var watcher = Watcher(locator);
        await watcher.StartAsync(CancellationToken.None);
        await WaitForLogAsync($"Watching kafka pid {first.Id}");
        first.Kill();
        await _trigger.WaitForAsync(DetectionEvent.KafkaExit, TimeSpan.FromSeconds(30));

        var second = StartChild("kafka.Kafka");
        locator.Pid = second.Id;
        _trigger.EndCycle();
        await WaitForLogAsync($"Watching kafka pid {second.Id}");
        second.Kill();

        await WaitUntilAsync(() => _trigger.Requests.Count == 2);
        Assert.Equal([DetectionEvent.KafkaExit, DetectionEvent.KafkaExit], _trigger.Requests);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OpenAsync_PidfileNamesAnotherProgram_RefusedAndNotWatched()
    {
        // The pidfile's pid now belongs to something else: a reused pid must never be taken for Kafka.
        var other = StartChild("not-the-broker");
        using var watcher = Watcher(new FixedLocator(other.Id, Trusted: false));

        var watched = await watcher.OpenAsync(new FixedLocator(other.Id, Trusted: false), null, CancellationToken.None);

        Assert.Null(watched);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains($"pid {other.Id}", StringComparison.Ordinal) && r.Message.Contains("not kafka", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_SystemdMainPid_TrustedWithoutCommandLineCheck()
    {
        var unit = StartChild("a-wrapper-script");

        using var watched = await Watcher(new FixedLocator(unit.Id, Trusted: true)).OpenAsync(new FixedLocator(unit.Id, Trusted: true), null, CancellationToken.None);

        Assert.Equal(unit.Id, watched?.Pid);
    }

    [Fact]
    public async Task OpenAsync_ExitAlreadyReportedForThisPid_NotWatchedAgain()
    {
        var kafka = StartChild("kafka.Kafka");

        var watched = await Watcher(new FixedLocator(kafka.Id, Trusted: false)).OpenAsync(new FixedLocator(kafka.Id, Trusted: false), kafka.Id, CancellationToken.None);

        Assert.Null(watched);
    }

    [Fact]
    public void PidFdOpen_NoSuchProcess_ReturnsNull()
    {
        var gone = StartChild("short-lived");
        gone.Kill();
        gone.WaitForExit();

        Assert.Null(PidFd.Open(gone.Id));
    }

    private async Task WaitForLogAsync(string text) =>
        await WaitUntilAsync(() => _logger.Collector.GetSnapshot().Any(r => r.Message.Contains(text, StringComparison.Ordinal)));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(limit.Elapsed < TimeSpan.FromSeconds(30), "condition not met within 30 s");
            await Task.Delay(20);
        }
    }

    private sealed class FixedLocator(int pid, bool Trusted) : IProcessLocator
    {
        public int Pid { get; set; } = pid;

        public string Service => "kafka";

        public DetectionEvent ExitEvent => DetectionEvent.KafkaExit;

        public bool Identifies(IReadOnlyList<string> commandLine) => ProcessIdentity.IsKafka(commandLine);

        public Task<ProcessCandidate> LocateAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new ProcessCandidate(Pid, Trusted, "test"));
    }
}
