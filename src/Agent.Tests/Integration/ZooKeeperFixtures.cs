using KafkaAgent.TestBed;

namespace KafkaAgent.Tests.Integration;

/// <summary>A real 3-node ensemble shared by the tests of one class; tests that break a member repair it.</summary>
public sealed class EnsembleFixture : IAsyncLifetime
{
    public ZooKeeperEnsemble Ensemble { get; private set; } = null!;

    public async Task InitializeAsync() => Ensemble = await ZooKeeperEnsemble.StartAsync(3, new ZooKeeperServerOptions { TickTimeMs = 200 });

    public async Task DisposeAsync() => await Ensemble.DisposeAsync();
}

/// <summary>A real standalone ZooKeeper, optionally with 4lw commands not whitelisted (ZooKeeper 3.5+ default).</summary>
public abstract class StandaloneFixtureBase(bool whitelist) : IAsyncLifetime
{
    public ZooKeeperEnsemble Ensemble { get; private set; } = null!;

    public ZooKeeperServer Server => Ensemble.Servers[0];

    public async Task InitializeAsync() =>
        Ensemble = await ZooKeeperEnsemble.StartAsync(1, new ZooKeeperServerOptions { TickTimeMs = 200, WhitelistFourLetterWords = whitelist });

    public async Task DisposeAsync() => await Ensemble.DisposeAsync();
}

public sealed class StandaloneFixture() : StandaloneFixtureBase(whitelist: true);

public sealed class NotWhitelistedStandaloneFixture() : StandaloneFixtureBase(whitelist: false);
