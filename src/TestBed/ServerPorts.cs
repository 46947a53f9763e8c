namespace KafkaAgent.TestBed;

/// <summary>The loopback ports of one ensemble member: clients, followers to the leader, leader election.</summary>
public sealed record ServerPorts(int Id, int ClientPort, int QuorumPort, int ElectionPort);
