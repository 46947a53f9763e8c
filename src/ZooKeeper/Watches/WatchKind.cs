namespace KafkaAgent.ZooKeeper.Watches;

/// <summary>The three one-shot watch tables the protocol knows (and SetWatches re-arms).</summary>
internal enum WatchKind
{
    /// <summary>Set by getData, or by exists on a node that exists.</summary>
    Data,
    /// <summary>Set by exists on a node that does not exist.</summary>
    Exist,
    /// <summary>Set by getChildren.</summary>
    Child,
}
