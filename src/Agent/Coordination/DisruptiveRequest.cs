namespace KafkaAgent.Coordination;

/// <summary>What the runner asks before one disruptive action, with the facts only it has (from the cycle's probes).</summary>
/// <param name="Owner">Host, broker and action, written into the lock node.</param>
/// <param name="LockWait">How long to wait in the lock queue before giving up (skip reason lock).</param>
/// <param name="TakesBrokerDown">The action stops this host's broker (restart_kafka, reclaim_log_dirs): the availability,
/// recovery and controller-last guards apply. False for restart_zookeeper, say.</param>
/// <param name="Health">Mass-failure facts (quorum, registered brokers, reporting agents, ZooKeeper members down).</param>
/// <param name="MaxLostBrokers">heal.mass_failure_brokers; null: more than a third of the expected brokers.</param>
/// <param name="ServerPropertiesMinIsr">min.insync.replicas in server.properties, if set (<see cref="AvailabilityReader.ServerPropertiesMinIsr"/>).</param>
/// <param name="KafkaLogDir">Where server.log is (kafka.app_log_dir); null skips the recovery guard.</param>
/// <param name="ControllerDeferredSince">When this broker first deferred as controller in this episode (the runner keeps it).</param>
internal sealed record DisruptiveRequest(
    LockOwner Owner,
    TimeSpan LockWait,
    bool TakesBrokerDown,
    ClusterHealthFacts Health,
    int? MaxLostBrokers,
    int? ServerPropertiesMinIsr,
    string? KafkaLogDir,
    DateTimeOffset? ControllerDeferredSince);

/// <summary>
/// The gate's answer: a held, just-verified lease (act, then dispose it), or a refusal whose
/// <see cref="Reason"/> is the skip reason label (mass_failure, lock, recovery, dependency, min_isr).
/// </summary>
internal sealed record GateResult(LockLease? Lease, string? Reason, string Detail)
{
    public bool Allowed => Lease is not null;

    public static GateResult Refused(string reason, string detail) => new(null, reason, detail);
}
