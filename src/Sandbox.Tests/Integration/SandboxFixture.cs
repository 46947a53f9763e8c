using System.Diagnostics;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Faults;
using KafkaAgent.Sandbox.Orchestration;

namespace KafkaAgent.Sandbox.Tests.Integration;

/// <summary>A real sandbox (Debian ZooKeeper + stand-in processes) shared by one test class; `down` at the end.</summary>
public abstract class SandboxFixture : IAsyncLifetime
{
    protected abstract int Brokers { get; }

    internal SandboxState State { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "kafka-sandbox-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            State = await SandboxUp.RunAsync(new SandboxOptions { Root = root, Brokers = Brokers, LogDirSize = "32m" }, TextWriter.Null, CancellationToken.None);
        }
        catch
        {
            await SandboxDown.RunAsync(root, TextWriter.Null, CancellationToken.None);
            throw;
        }
    }

    public Task DisposeAsync() => SandboxDown.RunAsync(State.Root, TextWriter.Null, CancellationToken.None);

    internal Task<FaultReport> Fault(string name, int host, Func<FaultRequest, FaultRequest>? configure = null) =>
        FaultInjector.InjectAsync(State, (configure ?? (r => r))(new FaultRequest(name) { Host = host }), CancellationToken.None);

    internal async Task<IReadOnlyList<int>> RegisteredAsync()
    {
        await using var zk = await SandboxUp.ConnectAsync(State, CancellationToken.None);
        return (await ClusterReader.ReadAsync(zk, CancellationToken.None)).Brokers.Keys.Order().ToList();
    }

    internal async Task<ClusterSnapshot> SnapshotAsync()
    {
        await using var zk = await SandboxUp.ConnectAsync(State, CancellationToken.None);
        return await ClusterReader.ReadAsync(zk, CancellationToken.None);
    }

    internal async Task<(int ExitCode, string Output)> ScriptAsync(int host, string script, params string[] args) =>
        await HostProcesses.RunAsync(State.HostById(host).Layout.Script(script), args, TimeSpan.FromSeconds(90), CancellationToken.None);

    internal Task<ListenerHealth> ProbeAsync(int host) =>
        KafkaProbe.ProbeAsync("127.0.0.1", State.HostById(host).BrokerPort, TimeSpan.FromSeconds(2), CancellationToken.None);

    internal static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, int seconds = 45)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), $"timed out after {seconds} s waiting for {what}");
            await Task.Delay(200);
        }
    }

    /// <summary>Every broker registered and every partition led, with its full ISR: the state each test leaves behind.</summary>
    internal Task WaitHealthyAsync() => WaitUntilAsync("a healthy cluster", async () =>
    {
        var s = await SnapshotAsync();
        return s.Brokers.Count == Brokers && s.ControllerId > 0
            && s.Topics.SelectMany(t => t.Partitions).All(p => p.State is { Leader: > 0 } st && st.Isr.Count == p.Replicas.Count);
    }, 90);

    internal Task WaitRegisteredAsync(int host, bool registered) =>
        WaitUntilAsync($"broker {host} {(registered ? "in" : "out of")} /brokers/ids", async () => (await RegisteredAsync()).Contains(host) == registered);
}

public sealed class ThreeBrokerSandbox : SandboxFixture
{
    protected override int Brokers => 3;
}

public sealed class OneBrokerSandbox : SandboxFixture
{
    protected override int Brokers => 1;
}
