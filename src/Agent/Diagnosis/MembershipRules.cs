using System.Globalization;
using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Platform;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;

namespace KafkaAgent.Diagnosis;

/// <summary>The runbook's `ls /brokers/ids` and `get /brokers/ids/&lt;id&gt;`, and "a single broker id: not a cluster".</summary>
internal static class MembershipRules
{
    public static (string Summary, List<Finding> Findings) Evaluate(MembershipFacts m, KafkaServiceFacts? service)
    {
        var findings = new List<Finding>();
        if (!m.Reachable)
        {
            findings.Add(Finding.Of(FindingIds.ZooKeeperEnsembleUnreachable, Severity.Critical,
                $"cannot read /brokers/ids through {m.ConnectString}: {m.Detail}", ("connect", m.ConnectString), ("detail", m.Detail)));
            return ($"cannot read /brokers/ids: {m.Detail}", findings);
        }

        var ids = string.Join(',', m.RegisteredIds);
        var kafkaStopped = service?.State is ServiceState.Down or ServiceState.StoppedByOperator;
        if (m.Own is null && !kafkaStopped)
        {
            findings.Add(Finding.Of(FindingIds.BrokerUnregistered, Severity.Critical,
                $"broker {m.OwnBrokerId} is not in /brokers/ids while Kafka runs (zombie: its ZooKeeper session is gone)",
                ("broker_id", m.OwnBrokerId), ("registered", ids), ("service", service?.Detail)));
        }
        else if (m.Own is not null && !EndpointsMatch(m.ExpectedEndpoints, m.Own.Endpoints))
        {
            findings.Add(Finding.Of(FindingIds.BrokerEndpointMismatch, Severity.Warning,
                $"broker {m.OwnBrokerId} registered {string.Join(',', m.Own.Endpoints)} but its listeners say {string.Join(',', m.ExpectedEndpoints)}",
                ("registered", string.Join(',', m.Own.Endpoints)), ("configured", string.Join(',', m.ExpectedEndpoints))));
        }

        if (m.ExpectedBrokers > 1 && m.RegisteredIds.Count <= 1)
        {
            findings.Add(Finding.Of(FindingIds.ClusterIsolated, Severity.Critical,
                $"only [{ids}] in /brokers/ids, {Plural.Of(m.ExpectedBrokers, "broker")} expected: not running as a cluster",
                ("registered", ids), ("expected", m.ExpectedBrokers)));
        }
        else if (Missing(m) is { Count: > 0 } missing)
        {
            var named = missing.Count == 1 ? $"broker {missing[0]} missing" : $"brokers {string.Join(", ", missing)} missing";
            var source = m.ExpectedIdsConfigured ? "cluster.expected_broker_ids" : "seen registered before";
            findings.Add(Finding.Of(FindingIds.ClusterBrokersMissing, Severity.Warning,
                $"{named}: {m.RegisteredIds.Count} of {Plural.Of(Math.Max(m.ExpectedBrokers, (m.ExpectedIds?.Count) ?? 0), "broker")} registered [{ids}] (expected ids {source})",
                ("registered", ids), ("missing", string.Join(',', missing)), ("expected", m.ExpectedBrokers)));
        }
        else if (m.RegisteredIds.Count < m.ExpectedBrokers)
        {
            findings.Add(Finding.Of(FindingIds.ClusterBrokersMissing, Severity.Warning,
                $"{m.RegisteredIds.Count} of {Plural.Of(m.ExpectedBrokers, "broker")} registered: [{ids}]",
                ("registered", ids), ("expected", m.ExpectedBrokers)));
        }

        var own = m.Own is null ? $"broker {m.OwnBrokerId} not registered"
            : service?.State == ServiceState.Down ? $"broker {m.OwnBrokerId} registered, but Kafka's process is gone: the registration may be stale{Owner(m)}"
            : $"broker {m.OwnBrokerId} registered";
        // Learned ids are named only when they say more than the count: when one is missing.
        var expected = m.ExpectedIdsConfigured || Missing(m).Count > 0 ? $" of [{string.Join(',', m.ExpectedIds!)}] expected"
            : m.ExpectedBrokers > 0 ? $" of {m.ExpectedBrokers} expected" : "";
        return ($"{own}; /brokers/ids [{ids}]{expected}", findings);
    }

    /// <summary>Expected ids not registered; with learned ids only when 0 &lt; expected count, so the count's 0 still turns the check off.</summary>
    private static List<int> Missing(MembershipFacts m) =>
        m.ExpectedIds is { Count: > 0 } expected && (m.ExpectedIdsConfigured || m.ExpectedBrokers > 0)
            ? expected.Except(m.RegisteredIds).Order().ToList()
            : [];

    /// <summary>
    /// After a kill -9 the ephemeral znode lives until ZooKeeper expires the dead session
    /// (zookeeper.session.timeout.ms), so say whose session holds it and how old it is.
    /// </summary>
    private static string Owner(MembershipFacts m)
    {
        if (m.OwnSession is not { } session)
        {
            return "";
        }

        var age = m.OwnRegisteredAt is { } created && m.ObservedAt is { } now
            ? string.Create(CultureInfo.InvariantCulture, $", created {Math.Max(0, (now - created).TotalSeconds):0} s ago")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $" (session 0x{session:x}{age}; it goes when that session expires)");
    }

    /// <summary>
    /// Kafka registers its advertised listeners; a wildcard host is registered as the machine's name, so only
    /// the listener name and port can be compared for those.
    /// </summary>
    public static bool EndpointsMatch(IReadOnlyList<KafkaListener> expected, IReadOnlyList<string> registered)
    {
        var actual = KafkaListener.ParseList(string.Join(',', registered), out var bad);
        if (bad is not null || actual.Count != expected.Count)
        {
            return false;
        }

        return expected.All(e => actual.Any(a =>
            string.Equals(a.Name, e.Name, StringComparison.OrdinalIgnoreCase) && a.Port == e.Port
            && (e.IsWildcardHost || string.Equals(a.Host, e.Host, StringComparison.OrdinalIgnoreCase))));
    }
}
