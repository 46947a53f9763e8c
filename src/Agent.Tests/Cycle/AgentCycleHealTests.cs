using KafkaAgent.Composition;
using KafkaAgent.Configuration;
using KafkaAgent.Cycle;
using KafkaAgent.Platform;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.Remediation;
using KafkaAgent.State;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Cycle;

/// <summary>The whole cycle as composed for run and check, with the host's probes and service manager replaced by fakes.</summary>
public sealed class AgentCycleHealTests : IDisposable
{
    private readonly HostFiles _host = new HostFiles().WithServer().WithZooKeeper();
    private readonly FakeServiceManager _manager = new();

    public void Dispose() => _host.Dispose();

    /// <summary>Kafka's service: down (crashed) until StartAsync, running after it.</summary>
    private sealed class FakeServiceManager : IServiceManager
    {
        private int _starts;

        public int Starts => Volatile.Read(ref _starts);

        public string Kind => "fake";

        public Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken) =>
            Task.FromResult(Starts > 0 ? new ServiceStatus(ServiceState.Running, 4242, "running") : new ServiceStatus(ServiceState.Down, null, "Result=signal"));

        public Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _starts);
            return Task.FromResult(new ServiceActionResult(true, $"started {service}"));
        }

        public Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken) =>
            Task.FromResult(new ServiceActionResult(false, "not expected"));
    }

    private sealed class Fixed<T>(Func<T> facts) : IProbe<T>
        where T : class
    {
        public Task<T> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(facts());
    }

    private sealed class ServiceProbe(FakeServiceManager manager) : IProbe<KafkaServiceFacts>
    {
        public async Task<KafkaServiceFacts> ProbeAsync(CancellationToken cancellationToken)
        {
            var status = await manager.GetStatusAsync("kafka", cancellationToken);
            return new KafkaServiceFacts("kafka", "fake", status.State, status.MainPid, status.Detail);
        }
    }

    private async Task<CycleResult> RunCycleAsync(bool act, string extraYaml = "")
    {
        _host.WithAgentYaml("heal:\n  verify_timeout_seconds: 5\n" + extraYaml);
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        var services = new ServiceCollection().AddLogging().AddAgent(settings, metricsEndpoint: false, act: act);
        services.AddSingleton<IServiceManager>(_manager);
        services.AddSingleton<IProbe<ZooKeeperFacts>>(new Fixed<ZooKeeperFacts>(() => Observations.ZooKeeper));
        // Registered only while the broker runs: its old session has already expired when the cycle sees the crash.
        services.AddSingleton<IProbe<MembershipFacts>>(new Fixed<MembershipFacts>(() =>
            _manager.Starts > 0 ? Observations.Membership : Observations.Membership with { RegisteredIds = [2, 3], Own = null }));
        services.AddSingleton<IProbe<KafkaServiceFacts>>(new ServiceProbe(_manager));
        services.AddSingleton<IProbe<KafkaApiFacts>>(new Fixed<KafkaApiFacts>(() => Observations.Api));
        services.AddSingleton<IProbe<DiskFacts>>(new Fixed<DiskFacts>(() => Observations.Disk));
        services.AddSingleton<IProbe<OwnershipFacts>>(new Fixed<OwnershipFacts>(() => Observations.Ownership));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IAgentCycle>().RunOnceAsync(CancellationToken.None);
    }

    private AgentState SavedState() => new JsonFileStateStore(_host.StateDir, TimeProvider.System, NullLogger<JsonFileStateStore>.Instance).Load();

    [Fact]
    public async Task RunOnceAsync_KafkaCrashedInRun_StartsVerifiesAndRecords()
    {
        // The cycle that first sees the exit only records it (an operator's stop script may still be removing its pidfile).
        var first = await RunCycleAsync(act: true);
        Assert.Equal(0, _manager.Starts);
        Assert.Contains(first.Plan.Skipped, s => s.Action == ActionNames.StartKafka && s.Reason == SkipReason.Grace);
        await Task.Delay(RunbookPlanner.ExitSettle + TimeSpan.FromMilliseconds(100));

        var result = await RunCycleAsync(act: true);

        Assert.Equal(1, _manager.Starts);
        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal((ActionNames.StartKafka, ActionResultKind.Success), (outcome.Action, outcome.Result));
        Assert.Contains("started kafka", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains(result.Report.Findings, f => f.Id == "kafka.down");
        var state = SavedState();
        Assert.Equal("success", state.LastActions[0].Result);
        Assert.Single(state.Attempts[ActionNames.StartKafka]);
    }

    [Fact]
    public async Task RunOnceAsync_Check_PlansButActsOnNothingAndWritesNoState()
    {
        var result = await RunCycleAsync(act: false);

        Assert.Equal(0, _manager.Starts);
        Assert.Equal(ActionNames.StartKafka, Assert.Single(result.Plan.Actions).Action);
        Assert.Empty(result.Outcomes);
        Assert.False(Directory.Exists(_host.StateDir));
    }

    [Fact]
    public async Task RunOnceAsync_Check_ReportKeepsThePerformanceDataForTheNagiosLine()
    {
        var result = await RunCycleAsync(act: false);

        Assert.NotEmpty(result.Report.Performance ?? []);
        Assert.Contains(" | ", KafkaAgent.Cli.CheckTable.NagiosLine(result.Report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_ObserveMode_RecordsWhatItWouldHaveDone()
    {
        await RunCycleAsync(act: true, "mode: observe\n");
        await Task.Delay(RunbookPlanner.ExitSettle + TimeSpan.FromMilliseconds(100));
        var result = await RunCycleAsync(act: true, "mode: observe\n");

        Assert.Equal(0, _manager.Starts);
        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal((ActionResultKind.Skipped, SkipReason.Observe), (outcome.Result, outcome.SkipReason));
    }

    [Fact]
    public async Task RunOnceAsync_Paused_DoesNothingAndSaysSo()
    {
        new JsonFileStateStore(_host.StateDir, TimeProvider.System, NullLogger<JsonFileStateStore>.Instance)
            .Update(s => s.Paused(TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1), "maintenance"));

        var result = await RunCycleAsync(act: true);

        Assert.Equal(0, _manager.Starts);
        Assert.Equal(SkipReason.Paused, Assert.Single(result.Outcomes).SkipReason);
        Assert.Contains("paused until", result.Report.Checks.Single(c => c.Check == "agent").Summary, StringComparison.Ordinal);
    }
}
