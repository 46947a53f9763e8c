using KafkaAgent.TestBed;

namespace KafkaAgent.ZooKeeper.Tests.TestBed;

/// <summary>One real ZooKeeper per test class; tests that break it put it back before they end.</summary>
public abstract class ZooKeeperFixture(int size, bool whitelist) : IAsyncLifetime
{
    private ZooKeeperEnsemble? _ensemble;

    public ZooKeeperEnsemble Ensemble => _ensemble ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync() =>
        _ensemble = await ZooKeeperEnsemble.StartAsync(size, new ZooKeeperServerOptions { WhitelistFourLetterWords = whitelist });

    public async Task DisposeAsync()
    {
        if (_ensemble is not null)
        {
            await _ensemble.DisposeAsync();
        }
    }
}

public sealed class StandaloneZooKeeperFixture() : ZooKeeperFixture(1, whitelist: true);

public sealed class StandaloneNotWhitelistedZooKeeperFixture() : ZooKeeperFixture(1, whitelist: false);

public sealed class EnsembleZooKeeperFixture() : ZooKeeperFixture(3, whitelist: true);

// One server (or ensemble) per kind for the whole test assembly: the fixture tests and the four-letter-word
// tests share them. Classes in one collection run one after another, so a test that kills, stops or pauses a
// member has it back before the next test starts.
[CollectionDefinition(Name)]
public sealed class StandaloneZooKeeperGroup : ICollectionFixture<StandaloneZooKeeperFixture>
{
    public const string Name = "standalone ZooKeeper";
}

[CollectionDefinition(Name)]
public sealed class StandaloneNotWhitelistedZooKeeperGroup : ICollectionFixture<StandaloneNotWhitelistedZooKeeperFixture>
{
    public const string Name = "standalone ZooKeeper without 4lw whitelist";
}

[CollectionDefinition(Name)]
public sealed class EnsembleZooKeeperGroup : ICollectionFixture<EnsembleZooKeeperFixture>
{
    public const string Name = "3-node ZooKeeper ensemble";
}
