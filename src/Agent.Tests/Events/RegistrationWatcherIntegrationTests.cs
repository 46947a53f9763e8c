using KafkaAgent.Events;
using KafkaAgent.Tests.Integration;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Events;

/// <summary>The exists-watch on /brokers/ids/&lt;id&gt; against a real ZooKeeper.</summary>
[Trait("Category", "Integration")]
public sealed class RegistrationWatcherIntegrationTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>, IAsyncLifetime, IDisposable
{
    private readonly string _chroot = "/kafka-" + Guid.NewGuid().ToString("N")[..8];
    private readonly FakeCycleTrigger _trigger = new();
    private readonly SemaphoreSlim _armed = new(0);
    private ZooKeeperClient _admin = null!;

    public async Task InitializeAsync()
    {
        _admin = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = fixture.Ensemble.ConnectionString });
        foreach (var path in new[] { _chroot, _chroot + "/brokers", _chroot + "/brokers/ids", _chroot + "/brokers/ids/7" })
        {
            await _admin.CreateAsync(path, ReadOnlyMemory<byte>.Empty);
        }
    }

    public async Task DisposeAsync() => await _admin.DisposeAsync();

    public void Dispose() => _armed.Dispose();

    private RegistrationWatcher Watcher()
    {
        var watcher = new RegistrationWatcher(
            new ZooKeeperClientOptions { ConnectionString = fixture.Ensemble.ConnectionString + _chroot, SessionTimeout = TimeSpan.FromSeconds(4) },
            7, _trigger, TimeProvider.System, NullLogger<RegistrationWatcher>.Instance);
        watcher.Armed += _ => _armed.Release();
        return watcher;
    }

    private async Task WaitArmedAsync() => Assert.True(await _armed.WaitAsync(TimeSpan.FromSeconds(30)), "the watch was never set");

    [Fact]
    public async Task Watch_OwnNodeDeleted_RequestsRegistrationLostAndRearms()
    {
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        await WaitArmedAsync();

        await _admin.DeleteAsync(_chroot + "/brokers/ids/7");

        await _trigger.WaitForAsync(DetectionEvent.RegistrationLost, TimeSpan.FromSeconds(30));
        await WaitArmedAsync(); // set again, now as an exist-watch on the missing node
        await _admin.CreateAsync(_chroot + "/brokers/ids/7", ReadOnlyMemory<byte>.Empty);
        await WaitArmedAsync(); // the creation fired it: set once more on the node
        await _admin.DeleteAsync(_chroot + "/brokers/ids/7");
        await WaitUntilAsync(() => _trigger.Requests.Count(r => r == DetectionEvent.RegistrationLost) == 2);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Watch_OtherBrokerDeleted_NoRequest()
    {
        await _admin.CreateAsync(_chroot + "/brokers/ids/8", ReadOnlyMemory<byte>.Empty);
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        await WaitArmedAsync();

        await _admin.DeleteAsync(_chroot + "/brokers/ids/8");
        await _admin.SetDataAsync(_chroot + "/brokers/ids/7", new byte[] { 1 });

        // The data change on our own node proves the watch works and that the other node's delete was not reported.
        await WaitArmedAsync();
        Assert.Empty(_trigger.Requests);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Watch_ZooKeeperKilledAndRestarted_ReportsLossAndReconnectRearmsAndStillFiresOnDelete()
    {
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        await WaitArmedAsync();

        fixture.Server.Kill();
        await _trigger.WaitForAsync(DetectionEvent.SessionLost, TimeSpan.FromSeconds(30));
        await fixture.Server.StartAsync();

        // Back on the same session (reconnected) or, if the restart outlasted it, on a new one: either way set again.
        await WaitArmedAsync();
        Assert.Contains(_trigger.Requests, r => r is DetectionEvent.SessionReconnected or DetectionEvent.SessionExpired);
        await using (var again = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = fixture.Ensemble.ConnectionString }))
        {
            await again.DeleteAsync(_chroot + "/brokers/ids/7");
        }

        await _trigger.WaitForAsync(DetectionEvent.RegistrationLost, TimeSpan.FromSeconds(30));
        await watcher.StopAsync(CancellationToken.None);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var limit = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(limit.Elapsed < TimeSpan.FromSeconds(30), "condition not met within 30 s");
            await Task.Delay(20);
        }
    }
}
