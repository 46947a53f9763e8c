using KafkaAgent.Probes.Ownership;

namespace KafkaAgent.Diagnosis;

/// <summary>The runbook's `chown -R kafka:kafka /var/kafka`, as a check: what would that command have to change.</summary>
internal static class OwnershipRules
{
    public static (string Summary, List<Finding> Findings) Evaluate(OwnershipFacts o)
    {
        var findings = new List<Finding>();
        var owner = $"{o.User}:{o.Group}";
        foreach (var dir in o.LogDirs)
        {
            if (dir.Error is not null)
            {
                findings.Add(Finding.Of(FindingIds.OwnershipUnreadable, Severity.Warning, $"cannot scan {dir.Path}: {dir.Error}", ("path", dir.Path)));
                continue;
            }

            if (dir.WrongCount > 0)
            {
                findings.Add(Finding.Of(FindingIds.OwnershipWrong, Severity.Warning,
                    $"{Plural.Of(dir.WrongCount, "entry", "entries")} under {dir.Path} not owned by {owner}, e.g. {string.Join(", ", dir.WrongSamples)}",
                    ("path", dir.Path), ("count", dir.WrongCount), ("owner", owner), ("samples", string.Join('\n', dir.WrongSamples))));
            }

            if (dir.ForeignSymlinkCount > 0)
            {
                findings.Add(Finding.Of(FindingIds.OwnershipForeignSymlink, Severity.Warning,
                    $"{Plural.Of(dir.ForeignSymlinkCount, "symlink")} under {dir.Path} {(dir.ForeignSymlinkCount == 1 ? "points" : "point")} outside it (not followed), e.g. {string.Join(", ", dir.ForeignSymlinkSamples)}",
                    ("path", dir.Path), ("count", dir.ForeignSymlinkCount), ("samples", string.Join('\n', dir.ForeignSymlinkSamples))));
            }
        }

        var scanned = o.LogDirs.Sum(d => d.EntriesScanned);
        var wrong = o.LogDirs.Sum(d => d.WrongCount);
        var kind = o.FullScan ? "scanned" : "checked incrementally";
        return (wrong == 0 ? $"{Plural.Of(scanned, "entry", "entries")} {kind}, all {owner}" : $"{wrong} of {Plural.Of(scanned, "entry", "entries")} not {owner}", findings);
    }
}
