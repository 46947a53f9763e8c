namespace KafkaAgent.Probes.Disk;

/// <summary>What a measured directory is to the host: <see cref="VolumeUsage.Role"/>.</summary>
internal static class DiskRoles
{
    public const string LogDir = "log_dir";
    public const string ZooKeeperData = "zookeeper_data";
}
