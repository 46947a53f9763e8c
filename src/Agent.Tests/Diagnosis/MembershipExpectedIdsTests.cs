using KafkaAgent.Diagnosis;
using KafkaAgent.Platform;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Diagnosis;

public sealed class MembershipExpectedIdsTests
{
    [Fact]
    public void Evaluate_SixKnownThreeRegisteredCountSaysThree_NamesTheMissingBrokers()
    {
        // Six brokers on three ZooKeeper hosts: the count from zoo.cfg (3) alone would call this healthy.
        var m = Observations.Membership with { RegisteredIds = [1, 3, 5], ExpectedBrokers = 3, ExpectedIds = [1, 2, 3, 4, 5, 6] };

        var finding = Assert.Single(MembershipRules.Evaluate(m, Observations.Service).Findings);

        Assert.Equal(FindingIds.ClusterBrokersMissing, finding.Id);
        Assert.StartsWith("brokers 2, 4, 6 missing: 3 of 6 brokers registered", finding.Summary, StringComparison.Ordinal);
        Assert.Equal("2,4,6", finding.Evidence["missing"]);
    }

    [Fact]
    public void Evaluate_LearnedIdsAllRegistered_SummaryKeepsTheCount()
    {
        // Ids learned from this very pass say nothing the count does not: "[1] of [1] expected" would mislead.
        var m = Observations.Membership with { RegisteredIds = [1], ExpectedIds = [1] };

        var (summary, _) = MembershipRules.Evaluate(m, Observations.Service);

        Assert.EndsWith("/brokers/ids [1] of 3 expected", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConfiguredIdsOneMissing_BrokerNMissing()
    {
        var m = Observations.Membership with { RegisteredIds = [1, 3], ExpectedIds = [1, 2, 3], ExpectedIdsConfigured = true };

        var finding = Assert.Single(MembershipRules.Evaluate(m, Observations.Service).Findings);

        Assert.StartsWith("broker 2 missing", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("cluster.expected_broker_ids", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KafkaKilledRegistrationStillThere_SaysMaybeStaleWithSessionAndAge()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_100);
        var m = Observations.Membership with { OwnSession = 0x1abc, OwnRegisteredAt = now.AddSeconds(-42), ObservedAt = now };
        var service = Observations.Service with { State = ServiceState.Down, MainPid = null };

        var (summary, _) = MembershipRules.Evaluate(m, service);

        Assert.StartsWith("broker 1 registered, but Kafka's process is gone: the registration may be stale (session 0x1abc, created 42 s ago;", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Remember_NewIds_WrittenAtomicallyPerClusterAndReadBack()
    {
        var dir = Directory.CreateTempSubdirectory("kafka-agent-known-").FullName;
        try
        {
            var path = Path.Combine(dir, KnownBrokers.FileName);
            new KnownBrokers(path).Remember("zk1:2181/a", [1, 2, 3]);
            new KnownBrokers(path).Remember("zk1:2181/b", [7]);

            var known = new KnownBrokers(path).Remember("zk1:2181/a", [1]);

            Assert.Equal([1, 2, 3], known);
            Assert.Equal([7], new KnownBrokers(path).Remember("zk1:2181/b", []));
            Assert.Equal([KnownBrokers.FileName], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Remember_NoStateDirectory_KeepsIdsInMemory()
    {
        var store = new KnownBrokers("/nonexistent-kafka-agent-state/known-brokers.json");

        store.Remember("c", [2]);

        Assert.Equal([1, 2], store.Remember("c", [1]));
    }
}
