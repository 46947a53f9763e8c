using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Coordination;

/// <summary>The lock through a real 3-node ensemble while a member fails.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterLockFailoverTests(EnsembleFixture fixture) : IClassFixture<EnsembleFixture>
{
    [Fact]
    public async Task AcquireAsync_WaitersServerKilled_WatchSurvivesFailoverAndLockPassesOnRelease()
    {
        var ensemble = fixture.Ensemble;
        var connect = ensemble.ConnectionString + await ZooKeeperTestRoot.CreateAsync(ensemble.ConnectionString, "lockfailover");
        await using var a = await ZooKeeperTestRoot.ConnectAsync(connect, sessionTimeoutMs: 6000);
        await using var b = await ZooKeeperTestRoot.ConnectAsync(connect, sessionTimeoutMs: 6000);
        await using var observer = await ZooKeeperTestRoot.ConnectAsync(connect);
        var first = await new ClusterLock(a, TimeProvider.System, NullLogger.Instance)
            .AcquireAsync(new LockOwner("h1", 1, "restart_kafka", 0), TimeSpan.FromSeconds(60), CancellationToken.None);
        var waiting = new ClusterLock(b, TimeProvider.System, NullLogger.Instance)
            .AcquireAsync(new LockOwner("h2", 2, "restart_kafka", 0), TimeSpan.FromSeconds(90), CancellationToken.None);
        await ClusterLockTests.WaitForQueueAsync(observer, 2);
        var session = b.SessionId;
        var member = ensemble.Servers.Single(s => s.Endpoint == b.ConnectedServer);

        member.Kill();
        try
        {
            await ZooKeeperTestRoot.WaitForStateAsync(b, ZooKeeperState.Disconnected);
            await ZooKeeperTestRoot.WaitForStateAsync(b, ZooKeeperState.Connected);

            Assert.NotEqual(member.Endpoint, b.ConnectedServer);
            Assert.Equal(session, b.SessionId);
            Assert.False(waiting.IsCompleted);
            Assert.NotNull(first);
            Assert.True(await first.VerifyAsync(CancellationToken.None) || a.State != ZooKeeperState.Connected);
            Assert.True(await first.ReleaseAsync());
            var lease = await waiting;

            Assert.NotNull(lease);
            Assert.True(await lease.VerifyAsync(CancellationToken.None));
            Assert.Equal(session, lease.SessionId);
        }
        finally
        {
            await member.StartAsync();
        }
    }
}
