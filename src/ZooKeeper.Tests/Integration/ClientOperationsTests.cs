using System.Text;
using KafkaAgent.ZooKeeper.Tests.TestBed;

namespace KafkaAgent.ZooKeeper.Tests.Integration;

[Trait("Category", "Integration")]
[Collection(StandaloneZooKeeperGroup.Name)]
public sealed class ClientOperationsTests(StandaloneZooKeeperFixture fixture)
{
    private string ConnectionString => fixture.Ensemble.ConnectionString;

    [Fact]
    public async Task ConnectAsync_NewSession_ConnectedWithNegotiatedTimeout()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);

        Assert.Equal(ZooKeeperState.Connected, client.State);
        Assert.NotEqual(0, client.SessionId);
        Assert.Equal(16, client.SessionPassword.Length);
        Assert.Equal(TimeSpan.FromSeconds(4), client.NegotiatedSessionTimeout);
        Assert.Equal(fixture.Ensemble.Servers[0].Endpoint, client.ConnectedServer);
    }

    [Fact]
    public async Task CreateGetSetDelete_PersistentNode_RoundTripsWithVersions()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("crud");

        Assert.Equal(path, await client.CreateAsync(path, "one"u8.ToArray()));
        var read = await client.GetDataAsync(path);
        var stat = await client.SetDataAsync(path, "two"u8.ToArray(), read.Stat.Version);
        var reread = await client.GetDataAsync(path);
        await client.DeleteAsync(path, stat.Version);

        Assert.Equal("one", Encoding.UTF8.GetString(read.Data));
        Assert.Equal((0, 3), (read.Stat.Version, read.Stat.DataLength));
        Assert.Equal(1, stat.Version);
        Assert.Equal("two", Encoding.UTF8.GetString(reread.Data));
        Assert.Equal(stat, reread.Stat);
        Assert.Null(await client.ExistsAsync(path));
    }

    [Fact]
    public async Task Operations_ServerRefuses_TypedErrorsWithCodeAndPath()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("errors");
        await client.CreateAsync(path, default);
        await client.CreateAsync(path + "/child", default);

        await AssertCode(ZooKeeperErrorCode.NodeExists, path, () => client.CreateAsync(path, default));
        await AssertCode(ZooKeeperErrorCode.NoNode, path + "/missing", () => client.GetDataAsync(path + "/missing"));
        await AssertCode(ZooKeeperErrorCode.NoNode, path + "/a/b", () => client.CreateAsync(path + "/a/b", default));
        await AssertCode(ZooKeeperErrorCode.BadVersion, path, () => client.SetDataAsync(path, default, 7));
        await AssertCode(ZooKeeperErrorCode.BadVersion, path + "/child", () => client.DeleteAsync(path + "/child", 3));
        await AssertCode(ZooKeeperErrorCode.NotEmpty, path, () => client.DeleteAsync(path));
        await AssertCode(ZooKeeperErrorCode.NoNode, path + "/missing", () => client.GetChildrenAsync(path + "/missing"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetDataAsync("relative"));
    }

    [Fact]
    public async Task CreateAsync_AllModes_SequenceSuffixAndEphemeralOwner()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var root = TestClients.UniqueRoot("modes");
        await client.CreateAsync(root, default);

        var persistent = await client.CreateAsync(root + "/p", default, CreateMode.Persistent);
        var ephemeral = await client.CreateAsync(root + "/e", default, CreateMode.Ephemeral);
        var sequential1 = await client.CreateAsync(root + "/s-", default, CreateMode.PersistentSequential);
        var sequential2 = await client.CreateAsync(root + "/s-", default, CreateMode.EphemeralSequential);

        Assert.Equal(root + "/p", persistent);
        Assert.Equal(0, (await client.ExistsAsync(persistent))!.EphemeralOwner);
        Assert.Equal(client.SessionId, (await client.ExistsAsync(ephemeral))!.EphemeralOwner);
        Assert.Matches($"^{root}/s-\\d{{10}}$", sequential1);
        Assert.Matches($"^{root}/s-\\d{{10}}$", sequential2);
        Assert.True(string.CompareOrdinal(sequential2, sequential1) > 0, "sequence numbers grow");
        Assert.Equal(client.SessionId, (await client.ExistsAsync(sequential2))!.EphemeralOwner);
        await AssertCode(ZooKeeperErrorCode.NoChildrenForEphemerals, ephemeral + "/x", () => client.CreateAsync(ephemeral + "/x", default));
    }

    [Fact]
    public async Task DisposeAsync_SessionWithEphemerals_NodesVanishAtOnce()
    {
        await using var observer = await TestClients.ConnectAsync(ConnectionString);
        var root = TestClients.UniqueRoot("ephemeral");
        await observer.CreateAsync(root, default);
        var owner = await TestClients.ConnectAsync(ConnectionString);
        await owner.CreateAsync(root + "/e", default, CreateMode.Ephemeral);
        await owner.CreateAsync(root + "/es-", default, CreateMode.EphemeralSequential);
        Assert.Equal(2, (await observer.GetChildrenAsync(root)).Children.Count);

        await owner.DisposeAsync();

        Assert.Equal(ZooKeeperState.Closed, owner.State);
        Assert.Empty((await observer.GetChildrenAsync(root)).Children);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => owner.GetDataAsync(root));
    }

    [Fact]
    public async Task GetChildrenAsync_Children_NamesAndParentStat()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var root = TestClients.UniqueRoot("children");
        await client.CreateAsync(root, "x"u8.ToArray());
        await Task.WhenAll(new[] { "a", "b", "c" }.Select(name => client.CreateAsync($"{root}/{name}", default)));

        var children = await client.GetChildrenAsync(root);

        Assert.Equal(["a", "b", "c"], children.Children.Order(StringComparer.Ordinal));
        Assert.Equal((3, 1), (children.Stat.NumChildren, children.Stat.DataLength));
    }

    [Fact]
    public async Task MultiAsync_AllSucceed_ResultsPerOpAndApplied()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var root = TestClients.UniqueRoot("multi");
        await client.CreateAsync(root, default);

        var results = await client.MultiAsync([
            Op.Create(root + "/a", "1"u8.ToArray()),
            Op.Create(root + "/s-", default, CreateMode.PersistentSequential),
            Op.Check(root, 0),
            Op.SetData(root + "/a", "2"u8.ToArray(), 0),
            Op.Delete(root + "/a", 1),
        ]);

        Assert.Equal(new CreateResult(root + "/a"), results[0]);
        Assert.Matches($"^{root}/s-\\d{{10}}$", Assert.IsType<CreateResult>(results[1]).Path);
        Assert.IsType<CheckResult>(results[2]);
        Assert.Equal(1, Assert.IsType<SetDataResult>(results[3]).Stat.Version);
        Assert.IsType<DeleteResult>(results[4]);
        Assert.Null(await client.ExistsAsync(root + "/a"));
    }

    [Fact]
    public async Task MultiAsync_OneFails_NothingAppliedAndPerOpErrors()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var root = TestClients.UniqueRoot("multifail");
        await client.CreateAsync(root, default);

        var error = await Assert.ThrowsAsync<ZooKeeperMultiException>(() => client.MultiAsync([
            Op.Create(root + "/a", default),
            Op.Check(root, 5),
            Op.Delete(root + "/missing"),
        ]));

        Assert.Equal((ZooKeeperErrorCode.BadVersion, root), (error.Code, error.Path));
        Assert.Equal(
            [ZooKeeperErrorCode.Ok, ZooKeeperErrorCode.BadVersion, ZooKeeperErrorCode.RuntimeInconsistency],
            error.Results.Select(r => r.ErrorCode));
        Assert.Null(await client.ExistsAsync(root + "/a"));
    }

    [Fact]
    public async Task CreateAsync_DataJustUnderMaxBuffer_StoredAndReadBack()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("big");
        var data = new byte[ZooKeeperClientOptions.DefaultMaxPacketLength - 512];
        new Random(7).NextBytes(data);

        await client.CreateAsync(path, data);
        var read = await client.GetDataAsync(path);
        await client.DeleteAsync(path);

        Assert.Equal(data, read.Data);
        Assert.Equal(data.Length, read.Stat.DataLength);
    }

    [Fact]
    public async Task SetDataAsync_OverMaxBuffer_FailsLocallyAndConnectionSurvives()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("toobig");
        await client.CreateAsync(path, default);
        var session = client.SessionId;

        await AssertCode(ZooKeeperErrorCode.MarshallingError, path, () => client.SetDataAsync(path, new byte[ZooKeeperClientOptions.DefaultMaxPacketLength + 1]));

        Assert.Equal(0, (await client.GetDataAsync(path)).Stat.Version);
        Assert.Equal((ZooKeeperState.Connected, session), (client.State, client.SessionId));
    }

    [Fact]
    public async Task GetChildrenAsync_TenThousandChildren_AllListed()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var root = TestClients.UniqueRoot("wide");
        await client.CreateAsync(root, default);
        var names = Enumerable.Range(0, 10_000).Select(i => $"child-{i:D5}").ToList();

        await Task.WhenAll(names.Select(name => client.CreateAsync($"{root}/{name}", default)));
        var children = await client.GetChildrenAsync(root);
        await Task.WhenAll(names.Select(name => client.DeleteAsync($"{root}/{name}")));

        Assert.Equal(names, children.Children.Order(StringComparer.Ordinal));
        Assert.Equal(10_000, children.Stat.NumChildren);
        Assert.Empty((await client.GetChildrenAsync(root)).Children);
    }

    [Fact]
    public async Task GetDataAsync_CancelledWhilePipelined_OthersStillAnswered()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("cancel");
        await client.CreateAsync(path, "v"u8.ToArray());
        using var cancel = new CancellationTokenSource();

        var reads = Enumerable.Range(0, 2000).Select(i => client.GetDataAsync(path, null, i % 2 == 0 ? cancel.Token : default)).ToList();
        await cancel.CancelAsync();
        var outcomes = await Task.WhenAll(reads.Select(async read =>
        {
            try
            {
                return (await read).Data.Length == 1 ? "ok" : "wrong";
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        }));

        Assert.All(outcomes, o => Assert.Contains(o, new[] { "ok", "cancelled" }));
        Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal("ok", o));
        Assert.Equal("v", Encoding.UTF8.GetString((await client.GetDataAsync(path)).Data));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetDataAsync(path, null, cancel.Token));
    }

    private static async Task AssertCode(ZooKeeperErrorCode code, string path, Func<Task> action)
    {
        var error = await Assert.ThrowsAnyAsync<ZooKeeperException>(action);
        Assert.Equal((code, path), (error.Code, error.Path));
    }
}
