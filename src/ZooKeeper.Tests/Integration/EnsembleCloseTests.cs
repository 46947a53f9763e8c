using KafkaAgent.TestBed;
using KafkaAgent.ZooKeeper.Tests.TestBed;
using Xunit.Abstractions;

namespace KafkaAgent.ZooKeeper.Tests.Integration;

/// <summary>
/// Closing a session on a 3-node ensemble: once DisposeAsync returns, the server the client used has applied the
/// CloseSession, so its ephemeral nodes are gone there (a broker stopped cleanly leaves /brokers/ids at once).
/// </summary>
[Trait("Category", "Integration")]
[Collection(EnsembleZooKeeperGroup.Name)]
public sealed class EnsembleCloseTests(EnsembleZooKeeperFixture fixture, ITestOutputHelper output)
{
    private ZooKeeperEnsemble Ensemble => fixture.Ensemble;

    [Fact]
    public async Task DisposeAsync_OnEachMember_EphemeralGoneOnThatMemberAtOnce()
    {
        var root = TestClients.UniqueRoot("close");
        await using (var setup = await TestClients.ConnectAsync(Ensemble.ConnectionString))
        {
            await setup.CreateAsync(root, default);
        }

        for (var i = 0; i < 15; i++)
        {
            var server = Ensemble.Servers[i % Ensemble.Servers.Count];
            await using var observer = await TestClients.ConnectFirstToAsync(Ensemble, server, output);
            var owner = await TestClients.ConnectFirstToAsync(Ensemble, server, output);
            await owner.CreateAsync($"{root}/e{i}", default, CreateMode.Ephemeral);
            Assert.NotNull(await observer.ExistsAsync($"{root}/e{i}"));

            await owner.DisposeAsync();

            Assert.True(await observer.ExistsAsync($"{root}/e{i}") is null, $"round {i} on {server.Endpoint}: the ephemeral outlived its closed session");
        }
    }

}
