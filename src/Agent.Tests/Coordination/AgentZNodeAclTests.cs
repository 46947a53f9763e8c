using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Coordination;

/// <summary>
/// zookeeper.auth_file against Debian's ZooKeeper: the agent's lock and host report nodes are readable by any
/// session, changeable only by sessions that authenticated with the agents' digest identity, also after a reconnect.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AgentZNodeAclTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    private static readonly Credentials Agents = new("kafka-agent", "correct horse battery staple");

    private async Task<string> ConnectStringAsync(string name) =>
        fixture.Ensemble.ConnectionString + await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, name);

    private static Task<ZooKeeperClient> ConnectAsync(string connect, Credentials? auth) =>
        ZooKeeperClient.ConnectAsync(AgentZNodeAcl.Apply(new ZooKeeperClientOptions
        {
            ConnectionString = connect,
            SessionTimeout = TimeSpan.FromSeconds(6),
            ConnectTimeout = TimeSpan.FromSeconds(20),
            RequestTimeout = TimeSpan.FromSeconds(20),
        }, auth));

    private static async Task<ZooKeeperErrorCode> RefusalAsync(Func<Task> operation)
    {
        var error = await Assert.ThrowsAsync<ZooKeeperException>(operation);
        return error.Code;
    }

    [Fact]
    public async Task AgentNodes_SessionWithoutDigest_ReadsButCannotDeleteOrChange()
    {
        var connect = await ConnectStringAsync("acl");
        await using var agent = await ConnectAsync(connect, Agents);
        await using var lease = await new ClusterLock(agent, TimeProvider.System, NullLogger.Instance)
            .AcquireAsync(new LockOwner("host-1", 1, "restart_kafka", 1), TimeSpan.FromSeconds(10), CancellationToken.None);
        await new HostReportPublisher(1, TimeProvider.System, NullLogger.Instance)
            .PublishAsync(agent, HostReportPublisherTests.Report(1), CancellationToken.None);
        await using var other = await ConnectAsync(connect, auth: null);

        var lockData = await other.GetDataAsync(lease!.Path);
        var report = await other.GetDataAsync(CoordinationPaths.Host(1));

        Assert.Equal("restart_kafka", LockOwner.TryParse(lockData.Data)!.Action);
        Assert.Equal("OK", HostReport.TryParse(report.Data)!.Status);
        Assert.Single((await other.GetChildrenAsync(CoordinationPaths.DisruptiveLock)).Children);
        Assert.Equal(ZooKeeperErrorCode.NoAuth, await RefusalAsync(() => other.DeleteAsync(lease.Path)));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, await RefusalAsync(() => other.SetDataAsync(lease.Path, "x"u8.ToArray())));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, await RefusalAsync(() => other.DeleteAsync(CoordinationPaths.Host(1))));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, await RefusalAsync(() => other.SetDataAsync(CoordinationPaths.Host(1), "x"u8.ToArray())));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, await RefusalAsync(() => other.CreateAsync(CoordinationPaths.DisruptiveLock + "/fake-0000000000", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral)));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, await RefusalAsync(() => other.DeleteAsync(CoordinationPaths.KnownBroker(1))));
        Assert.True(await lease.VerifyAsync(CancellationToken.None)); // the lock is still held
    }

    [Fact]
    public async Task AgentNodes_AnotherSessionWithTheDigest_MayChangeThem()
    {
        var connect = await ConnectStringAsync("aclpeer");
        await using var agent = await ConnectAsync(connect, Agents);
        await new HostReportPublisher(2, TimeProvider.System, NullLogger.Instance)
            .PublishAsync(agent, HostReportPublisherTests.Report(2), CancellationToken.None);
        await using var peer = await ConnectAsync(connect, Agents);
        await using var wrongPassword = await ConnectAsync(connect, Agents with { Password = "guess" });

        Assert.Equal(ZooKeeperErrorCode.NoAuth, await RefusalAsync(() => wrongPassword.DeleteAsync(CoordinationPaths.KnownBroker(2))));
        await peer.SetDataAsync(CoordinationPaths.Host(2), "{}"u8.ToArray());
        await peer.DeleteAsync(CoordinationPaths.KnownBroker(2));

        Assert.Null(await agent.ExistsAsync(CoordinationPaths.KnownBroker(2)));
    }

    [Fact]
    public async Task AgentSession_AfterReconnect_AuthenticatesAgain()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "aclreconnect");
        await using var proxy = new ZooKeeperCutProxy(fixture.Server.ClientPort);
        await using var agent = await ConnectAsync(proxy.Endpoint + chroot, Agents);
        await new HostReportPublisher(3, TimeProvider.System, NullLogger.Instance)
            .PublishAsync(agent, HostReportPublisherTests.Report(3), CancellationToken.None);
        var session = agent.SessionId;

        proxy.ArmCutAfterNextCreate();
        await Assert.ThrowsAsync<ZooKeeperException>(() => agent.CreateAsync(CoordinationPaths.Hosts + "/cut", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral));
        await ZooKeeperTestRoot.WaitForStateAsync(agent, ZooKeeperState.Connected);
        // Creating under /kafka-agent/hosts needs the digest identity: the new connection must have presented it again.
        await agent.CreateAsync(CoordinationPaths.Hosts + "/after-reconnect", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal(session, agent.SessionId);
        Assert.NotNull(await agent.ExistsAsync(CoordinationPaths.Hosts + "/after-reconnect"));
    }
}
