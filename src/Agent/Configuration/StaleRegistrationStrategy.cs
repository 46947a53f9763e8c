namespace KafkaAgent.Configuration;

/// <summary>heal.stale_registration: what start_kafka does about a dead broker's /brokers/ids/&lt;id&gt;.</summary>
internal enum StaleRegistrationStrategy
{
    /// <summary>Wait (an exists watch) until ZooKeeper expires the dead session and removes the node.</summary>
    Wait,

    /// <summary>When the broker is proven dead, delete its node and its /controller (versioned) and start at once.</summary>
    Delete,
}
