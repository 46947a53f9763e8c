using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

/// <summary>
/// One journal line when a finding appears, changes severity or clears, per subject. A disk filling from 86% to
/// 90% keeps its key (disk.high on that path) and logs nothing new; crossing into critical is a new id and logs once.
/// </summary>
internal sealed class FindingChangeLog(ILogger logger)
{
    private Dictionary<FindingKey, Severity> _active = [];

    public void Update(IEnumerable<Finding> findings)
    {
        var now = new Dictionary<FindingKey, Severity>();
        foreach (var finding in findings)
        {
            var key = FindingKey.Of(finding);
            if (now.ContainsKey(key))
            {
                continue;
            }

            now[key] = finding.Severity;
            var level = FindingLog.LevelOf(finding.Severity);
            if ((!_active.TryGetValue(key, out var before) || before != finding.Severity) && logger.IsEnabled(level))
            {
                Log.FindingRaised(logger, level, finding.Id, key.Subject, finding.Severity, finding.Summary);
            }
        }

        foreach (var key in _active.Keys.Where(k => !now.ContainsKey(k)))
        {
            Log.FindingCleared(logger, key.Id, key.Subject);
        }

        _active = now;
    }
}
