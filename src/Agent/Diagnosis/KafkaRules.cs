using KafkaAgent.Platform;
using KafkaAgent.Probes.Kafka;

namespace KafkaAgent.Diagnosis;

/// <summary>The runbook's `service kafka status` and its "list topics" test.</summary>
internal static class KafkaRules
{
    public static (string Summary, List<Finding> Findings, bool Unknown) EvaluateService(KafkaServiceFacts s)
    {
        var findings = new List<Finding>();
        var evidence = new (string, object?)[] { ("service", s.Service), ("manager", s.Manager), ("detail", s.Detail) };
        switch (s.State)
        {
            case ServiceState.Down:
                findings.Add(Finding.Of(FindingIds.KafkaDown, Severity.Critical, $"Kafka service {s.Service} is not running ({s.Detail})", evidence));
                return ($"down ({s.Detail})", findings, false);
            case ServiceState.StoppedByOperator:
                findings.Add(Finding.Of(FindingIds.KafkaStoppedByOperator, Severity.Info,
                    $"Kafka service {s.Service} was stopped on purpose; left alone ({s.Detail})", evidence));
                return ($"stopped by operator ({s.Detail})", findings, false);
            case ServiceState.Unknown:
                return ($"cannot tell: {s.Detail}", findings, true);
            default:
                var pid = s.MainPid is { } p ? $", pid {p}" : "";
                return ($"{s.State.ToString().ToLowerInvariant()} ({s.Manager}{pid})", findings, false);
        }
    }

    public static (string Summary, List<Finding> Findings) EvaluateApi(KafkaApiFacts a, KafkaServiceFacts? service)
    {
        var findings = new List<Finding>();
        if (a.MetadataAnswered)
        {
            return ($"Metadata from {a.Endpoint}: {Plural.Of(a.BrokerCount, "broker")}, {Plural.Of(a.TopicCount, "topic")}", findings);
        }

        // A stopped broker does not answer: that is kafka.down's (or the operator's) story, not a second finding.
        if (service?.State is ServiceState.Down or ServiceState.StoppedByOperator)
        {
            return ($"not probed further: Kafka is not running ({a.Endpoint} {(a.PortOpen ? "open" : "closed")})", findings);
        }

        if (!a.PortOpen && service is null or { State: ServiceState.Unknown })
        {
            findings.Add(Finding.Of(FindingIds.KafkaDown, Severity.Critical, $"nothing listens on {a.Endpoint} and the service state is unknown",
                ("endpoint", a.Endpoint), ("detail", a.Detail)));
            return ($"{a.Endpoint} closed", findings);
        }

        if (a.PortOpen && a.SecurityFailure)
        {
            // Not kafka.api_unresponsive: that one restarts Kafka, which cannot mend a CA, a certificate or a password.
            findings.Add(Finding.Of(FindingIds.KafkaApiAuthFailed, Severity.Critical,
                $"Kafka's listener {a.Endpoint} refused the agent's connection ({a.Detail}); check kafka.security.* in agent.yaml and the broker's certificate",
                ("endpoint", a.Endpoint), ("detail", a.Detail)));
            return ($"refused: {a.Endpoint} did not accept the agent's credentials", findings);
        }

        var what = a.PortOpen ? "accepts connections but Metadata did not answer" : "is closed";
        findings.Add(Finding.Of(FindingIds.KafkaApiUnresponsive, Severity.Critical,
            $"Kafka runs but its listener {a.Endpoint} {what} ({a.Detail})",
            ("endpoint", a.Endpoint), ("port_open", a.PortOpen), ("detail", a.Detail), ("service", service?.Detail)));
        return ($"unresponsive: {a.Endpoint} {what}", findings);
    }
}
