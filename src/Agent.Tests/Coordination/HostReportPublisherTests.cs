using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Coordination;

/// <summary>The host report znode against a real ZooKeeper.</summary>
[Trait("Category", "Integration")]
public sealed class HostReportPublisherTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    internal static HostReport Report(int id, string status = "OK", params string[] findings) =>
        new(id, $"host-{id}", status, findings, [new HostAction("start_kafka", "success", 1_764_237_600_000)], [], false, null, "0.1.0", "heal");

    private async Task<string> ConnectStringAsync(string name) =>
        fixture.Ensemble.ConnectionString + await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, name);

    [Fact]
    public async Task PublishAsync_First_EphemeralNodeOwnedBySessionWithTheReport()
    {
        var connect = await ConnectStringAsync("report");
        await using var client = await ZooKeeperTestRoot.ConnectAsync(connect);
        var publisher = new HostReportPublisher(2, _time, NullLogger.Instance);

        Assert.True(await publisher.PublishAsync(client, Report(2, "CRITICAL", "broker.unregistered"), CancellationToken.None));

        var node = await client.GetDataAsync("/kafka-agent/hosts/2");
        Assert.Equal(client.SessionId, node.Stat.EphemeralOwner);
        var read = HostReport.TryParse(node.Data)!;
        Assert.Equal("CRITICAL", read.Status);
        Assert.Equal(["broker.unregistered"], read.Findings);
        Assert.Equal("start_kafka", read.LastActions.Single().Action);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), read.ChangedAtMs);
        Assert.Contains("\"broker_id\":2", System.Text.Encoding.UTF8.GetString(node.Data), StringComparison.Ordinal);
        Assert.Equal(0, (await client.ExistsAsync("/kafka-agent/known/2"))!.EphemeralOwner); // persistent: outlives the agent
    }

    [Fact]
    public async Task PublishAsync_SameContentLater_NotRewritten_ChangedContent_Rewritten()
    {
        var connect = await ConnectStringAsync("reportsame");
        await using var client = await ZooKeeperTestRoot.ConnectAsync(connect);
        var publisher = new HostReportPublisher(1, _time, NullLogger.Instance);
        await publisher.PublishAsync(client, Report(1), CancellationToken.None);
        var first = (await client.ExistsAsync("/kafka-agent/hosts/1"))!;

        _time.Advance(TimeSpan.FromMinutes(1));
        var again = await publisher.PublishAsync(client, Report(1), CancellationToken.None);
        var unchanged = (await client.ExistsAsync("/kafka-agent/hosts/1"))!;
        _time.Advance(TimeSpan.FromMinutes(1));
        var changed = await publisher.PublishAsync(client, Report(1, "WARNING", "disk.high"), CancellationToken.None);
        var after = await client.GetDataAsync("/kafka-agent/hosts/1");

        Assert.False(again);
        Assert.Equal(first.Mzxid, unchanged.Mzxid);
        Assert.True(changed);
        Assert.Equal(first.Version + 1, after.Stat.Version);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), HostReport.TryParse(after.Data)!.ChangedAtMs);
    }

    [Fact]
    public async Task PublishAsync_NewSessionAfterExpiry_RecreatesWithSameChangedAt()
    {
        var connect = await ConnectStringAsync("reportexpiry");
        var old = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var observer = await ZooKeeperTestRoot.ConnectAsync(connect);
        var publisher = new HostReportPublisher(3, _time, NullLogger.Instance);
        await publisher.PublishAsync(old, Report(3), CancellationToken.None);
        var changedAt = publisher.Published!.ChangedAtMs;

        await ZooKeeperTestRoot.ExpireAsync(fixture.Ensemble.ConnectionString, old);
        Assert.Null(await observer.ExistsAsync("/kafka-agent/hosts/3"));
        await using var fresh = await ZooKeeperTestRoot.ConnectAsync(connect);
        _time.Advance(TimeSpan.FromMinutes(5));
        var wrote = await publisher.PublishAsync(fresh, Report(3), CancellationToken.None);

        Assert.True(wrote);
        var node = await observer.GetDataAsync("/kafka-agent/hosts/3");
        Assert.Equal(fresh.SessionId, node.Stat.EphemeralOwner);
        Assert.Equal(changedAt, HostReport.TryParse(node.Data)!.ChangedAtMs);
        await old.DisposeAsync();
    }

    [Fact]
    public async Task PublishAsync_NodeLeftByPreviousSession_Replaced()
    {
        var connect = await ConnectStringAsync("reportstale");
        await using var previous = await ZooKeeperTestRoot.ConnectAsync(connect);
        await new HostReportPublisher(4, _time, NullLogger.Instance).PublishAsync(previous, Report(4, "CRITICAL"), CancellationToken.None);
        await using var current = await ZooKeeperTestRoot.ConnectAsync(connect);

        await new HostReportPublisher(4, _time, NullLogger.Instance).PublishAsync(current, Report(4), CancellationToken.None);

        var node = await current.GetDataAsync("/kafka-agent/hosts/4");
        Assert.Equal(current.SessionId, node.Stat.EphemeralOwner);
        Assert.Equal("OK", HostReport.TryParse(node.Data)!.Status);
    }

    [Fact]
    public void Bounded_HugeReport_WithinBounds()
    {
        var report = Report(1, "CRITICAL", Enumerable.Range(0, 500).Select(i => new string('x', 300) + i).ToArray()) with
        {
            LastActions = Enumerable.Range(0, 50).Select(i => new HostAction("restart_kafka", "failure", i)).ToList(),
        };

        var bounded = report.Bounded();

        Assert.True(bounded.ToBytes().Length <= HostReport.MaxBytes, $"{bounded.ToBytes().Length} bytes");
        Assert.True(bounded.Findings.Count <= HostReport.MaxFindings);
        Assert.All(bounded.Findings, f => Assert.True(f.Length <= HostReport.MaxText));
        Assert.Equal(Enumerable.Range(40, 10).Select(i => (long)i), bounded.LastActions.Select(a => a.AtMs)); // the newest kept
    }
}
