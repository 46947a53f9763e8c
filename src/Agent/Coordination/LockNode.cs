using System.Globalization;

namespace KafkaAgent.Coordination;

/// <summary>
/// One contender's node in the lock queue: "lock-&lt;attempt guid&gt;-&lt;10-digit sequence&gt;". The guid is new
/// for every attempt, so after a connection loss during create the contender can tell its own node (the create
/// may have happened) from everyone else's.
/// </summary>
internal sealed record LockNode(string Name, string AttemptPrefix, long Sequence)
{
    public const string NamePrefix = "lock-";

    public static string NewAttemptPrefix() => NamePrefix + Guid.NewGuid().ToString("N") + "-";

    /// <summary>Parses a child of the lock queue; null for anything that is not a lock node.</summary>
    public static LockNode? TryParse(string name)
    {
        // ZooKeeper appends the sequence as exactly 10 digits (%010d) while the counter stays below 2^31.
        if (!name.StartsWith(NamePrefix, StringComparison.Ordinal) || name.Length < NamePrefix.Length + 11)
        {
            return null;
        }

        var digits = name.AsSpan(name.Length - 10);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new LockNode(name, name[..^10], sequence)
            : null;
    }

    /// <summary>The queue in order (lowest sequence first: the holder), ignoring foreign children.</summary>
    public static List<LockNode> Queue(IEnumerable<string> children) =>
        children.Select(TryParse).OfType<LockNode>().OrderBy(n => n.Sequence).ToList();
}
