namespace KafkaAgent.ZooKeeper;

/// <summary>How a znode is created.</summary>
public enum CreateMode
{
    /// <summary>Outlives the session.</summary>
    Persistent,
    /// <summary>Deleted when the session ends.</summary>
    Ephemeral,
    /// <summary>Persistent, with a monotonically increasing 10-digit suffix appended to the name.</summary>
    PersistentSequential,
    /// <summary>Ephemeral, with a sequential suffix.</summary>
    EphemeralSequential,
}
