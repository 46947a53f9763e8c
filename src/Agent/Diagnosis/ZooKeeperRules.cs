using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Diagnosis;

/// <summary>The runbook's "is ZooKeeper running", made precise: down, hung, not serving, or alone when it should not be.</summary>
internal static class ZooKeeperRules
{
    public static (string Summary, List<Finding> Findings) Evaluate(ZooKeeperFacts f)
    {
        var findings = new List<Finding>();
        var endpoint = ("endpoint", (object?)f.Endpoint);
        switch (f.Reachability)
        {
            case ZooKeeperReachability.Refused:
                findings.Add(Finding.Of(FindingIds.ZooKeeperDown, Severity.Critical, $"ZooKeeper {f.Endpoint} refuses connections: not running", endpoint, ("detail", f.Detail)));
                return ($"down: {f.Endpoint} refuses connections", findings);
            case ZooKeeperReachability.Error:
                findings.Add(Finding.Of(FindingIds.ZooKeeperDown, Severity.Critical, $"ZooKeeper {f.Endpoint} unreachable: {f.Detail}", endpoint, ("detail", f.Detail)));
                return ($"down: {f.Detail}", findings);
            case ZooKeeperReachability.NoAnswer:
                findings.Add(Finding.Of(FindingIds.ZooKeeperHung, Severity.Critical, $"ZooKeeper {f.Endpoint} accepts connections but does not answer", endpoint, ("detail", f.Detail)));
                return ($"hung: {f.Endpoint} accepts but does not answer ({f.Detail})", findings);
        }

        if (!f.FourLetterWordsWhitelisted)
        {
            findings.Add(Finding.Of(FindingIds.ZooKeeperFourLetterWordsDisabled, Severity.Warning,
                $"srvr is not in 4lw.commands.whitelist of {f.Endpoint}: health read through a session, mode unknown (whitelist srvr, as a stock install does)", endpoint));
        }

        if (!f.Serving)
        {
            findings.Add(Finding.Of(FindingIds.ZooKeeperNotServing, Severity.Critical,
                $"ZooKeeper {f.Endpoint} runs but is not serving requests (no quorum)", endpoint, ("detail", f.Detail)));
            return ("not serving requests (no quorum)", findings);
        }

        if (f.Mode == "standalone" && f.ExpectedEnsembleSize > 1)
        {
            findings.Add(Finding.Of(FindingIds.ZooKeeperStandaloneUnexpected, Severity.Critical,
                $"ZooKeeper {f.Endpoint} runs standalone but its config lists {f.ExpectedEnsembleSize} servers: it only sees its own data",
                endpoint, ("mode", f.Mode), ("expected_servers", f.ExpectedEnsembleSize)));
            return ($"standalone, {f.ExpectedEnsembleSize} servers configured", findings);
        }

        var version = f.Version is null ? "" : $", {f.Version.Split('-')[0]}";
        return ($"serving, mode {f.Mode ?? "unknown"}{version}", findings);
    }
}
