using KafkaAgent.TestBed;

namespace KafkaAgent.Tests.Integration;

/// <summary>A real 3-node ensemble shared by the tests of one class; tests that break a member repair it.</summary>
public sealed class EnsembleFixture : IAsyncLifetime
{
    public ZooKeeperEnsemble Ensemble { get; private set; } = null!;

    public async Task InitializeAsync() => Ensemble = await ZooKeeperEnsemble.StartAsync(3, new ZooKeeperServerOptions { TickTimeMs = 200 });

    public async Task DisposeAsync() => await Ensemble.DisposeAsync();
}

/// <summary>A real standalone ZooKeeper with the given test-bed options.</summary>
public abstract class StandaloneFixtureBase(ZooKeeperServerOptions options) : IAsyncLifetime
{
    public ZooKeeperEnsemble Ensemble { get; private set; } = null!;

    public ZooKeeperServer Server => Ensemble.Servers[0];

    public async Task InitializeAsync() => Ensemble = await ZooKeeperEnsemble.StartAsync(1, options);

    public async Task DisposeAsync() => await Ensemble.DisposeAsync();
}

public sealed class StandaloneFixture() : StandaloneFixtureBase(new ZooKeeperServerOptions { TickTimeMs = 200 });

/// <summary>No 4lw.commands.whitelist key: a stock ZooKeeper 3.5+ install, where only srvr is allowed.</summary>
public sealed class StockWhitelistStandaloneFixture()
    : StandaloneFixtureBase(new ZooKeeperServerOptions { TickTimeMs = 200, WhitelistFourLetterWords = false });

/// <summary>A whitelist narrowed to ruok (ZooKeeper adds srvr to any whitelist).</summary>
public sealed class NarrowWhitelistStandaloneFixture()
    : StandaloneFixtureBase(new ZooKeeperServerOptions { TickTimeMs = 200, FourLetterWordWhitelist = "ruok" });
