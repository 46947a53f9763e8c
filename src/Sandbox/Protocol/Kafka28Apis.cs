namespace KafkaAgent.Sandbox.Protocol;

/// <summary>
/// The ApiVersions table of an Apache Kafka 2.8 broker in ZooKeeper mode. The stand-in advertises all
/// of it, so clients pick the same versions and features they would against Kafka 2.8; it serves
/// ApiVersions and Metadata and closes the connection on any other request (as Kafka does on a
/// request it cannot handle).
/// </summary>
internal static class Kafka28Apis
{
    public const string KafkaVersion = "2.8.2";

    public static readonly IReadOnlyList<ApiVersionRange> All =
    [
        new(0, 0, 9),    // Produce
        new(1, 0, 12),   // Fetch
        new(2, 0, 6),    // ListOffsets
        new(3, 0, 11),   // Metadata
        new(4, 0, 5),    // LeaderAndIsr
        new(5, 0, 3),    // StopReplica
        new(6, 0, 7),    // UpdateMetadata
        new(7, 0, 3),    // ControlledShutdown
        new(8, 0, 8),    // OffsetCommit
        new(9, 0, 7),    // OffsetFetch
        new(10, 0, 3),   // FindCoordinator
        new(11, 0, 7),   // JoinGroup
        new(12, 0, 4),   // Heartbeat
        new(13, 0, 4),   // LeaveGroup
        new(14, 0, 5),   // SyncGroup
        new(15, 0, 5),   // DescribeGroups
        new(16, 0, 4),   // ListGroups
        new(17, 0, 1),   // SaslHandshake
        new(18, 0, 3),   // ApiVersions
        new(19, 0, 7),   // CreateTopics
        new(20, 0, 6),   // DeleteTopics
        new(21, 0, 2),   // DeleteRecords
        new(22, 0, 4),   // InitProducerId
        new(23, 0, 4),   // OffsetForLeaderEpoch
        new(24, 0, 3),   // AddPartitionsToTxn
        new(25, 0, 3),   // AddOffsetsToTxn
        new(26, 0, 3),   // EndTxn
        new(27, 0, 1),   // WriteTxnMarkers
        new(28, 0, 3),   // TxnOffsetCommit
        new(29, 0, 2),   // DescribeAcls
        new(30, 0, 2),   // CreateAcls
        new(31, 0, 2),   // DeleteAcls
        new(32, 0, 4),   // DescribeConfigs
        new(33, 0, 2),   // AlterConfigs
        new(34, 0, 2),   // AlterReplicaLogDirs
        new(35, 0, 2),   // DescribeLogDirs
        new(36, 0, 2),   // SaslAuthenticate
        new(37, 0, 3),   // CreatePartitions
        new(38, 0, 2),   // CreateDelegationToken
        new(39, 0, 2),   // RenewDelegationToken
        new(40, 0, 2),   // ExpireDelegationToken
        new(41, 0, 2),   // DescribeDelegationToken
        new(42, 0, 2),   // DeleteGroups
        new(43, 0, 2),   // ElectLeaders
        new(44, 0, 1),   // IncrementalAlterConfigs
        new(45, 0, 0),   // AlterPartitionReassignments
        new(46, 0, 0),   // ListPartitionReassignments
        new(47, 0, 0),   // OffsetDelete
        new(48, 0, 1),   // DescribeClientQuotas
        new(49, 0, 1),   // AlterClientQuotas
        new(50, 0, 0),   // DescribeUserScramCredentials
        new(51, 0, 0),   // AlterUserScramCredentials
        new(56, 0, 0),   // AlterIsr
        new(57, 0, 0),   // UpdateFeatures
        new(60, 0, 0),   // DescribeCluster
        new(61, 0, 0),   // DescribeProducers
    ];

    public static ApiVersionRange? Find(short apiKey)
    {
        foreach (var range in All)
        {
            if (range.ApiKey == apiKey)
            {
                return range;
            }
        }
        return null;
    }

    /// <summary>Request header v2 (tagged fields) is used from the first flexible version of each API.</summary>
    public static bool IsFlexible(short apiKey, short version) => apiKey switch
    {
        (short)ApiKey.Metadata => version >= 9,
        (short)ApiKey.ApiVersions => version >= 3,
        (short)ApiKey.SaslAuthenticate => version >= 2,
        _ => false,
    };
}
