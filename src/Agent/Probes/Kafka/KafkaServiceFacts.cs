using KafkaAgent.Platform;

namespace KafkaAgent.Probes.Kafka;

/// <summary>The Kafka service as the host's service manager reports it.</summary>
/// <param name="Manager">systemd, sysv, pidfile.</param>
/// <param name="Detail">The manager's own words, e.g. "ActiveState=failed SubState=failed Result=exit-code".</param>
internal sealed record KafkaServiceFacts(string Service, string Manager, ServiceState State, int? MainPid, string Detail);
