namespace KafkaAgent.Coordination;

/// <summary>One node of the lock queue as read back.</summary>
/// <param name="Owner">Null when the node's data is not an agent's.</param>
/// <param name="Session">The ZooKeeper session that owns the node.</param>
/// <param name="CreatedAtMs">The node's ctime (the server's clock).</param>
internal sealed record LockQueueEntry(string Name, long Sequence, LockOwner? Owner, long Session, long CreatedAtMs);

/// <summary>The lock queue: the first entry holds the lock, the others wait in order.</summary>
/// <param name="Total">Nodes in the queue (more than <see cref="Entries"/> when the read was bounded).</param>
internal sealed record LockQueueView(IReadOnlyList<LockQueueEntry> Entries, int Total)
{
    public LockQueueEntry? Holder => Entries.Count > 0 ? Entries[0] : null;

    public IEnumerable<LockQueueEntry> Waiting => Entries.Skip(1);
}
