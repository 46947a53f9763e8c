using KafkaAgent.Configuration;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Probes.Disk;

/// <summary>statvfs of every log dir and of the local ZooKeeper's dataDir.</summary>
internal sealed class DiskProbe(AgentSettings settings, IFileSystemStats stats) : IProbe<DiskFacts>
{
    public Task<DiskFacts> ProbeAsync(CancellationToken cancellationToken)
    {
        var paths = settings.Kafka.LogDirs.Select(d => (d, DiskRoles.LogDir)).ToList();
        if (settings.ZooKeeper.LocalServer?.DataDir is { } dataDir)
        {
            paths.Add((dataDir, DiskRoles.ZooKeeperData));
        }

        var volumes = paths.Select(p => Measure(p.Item1, p.Item2)).ToList();
        return Task.FromResult(new DiskFacts(volumes));
    }

    private VolumeUsage Measure(string path, string role)
    {
        try
        {
            var u = stats.GetUsage(path);
            return new VolumeUsage(path, role, u.TotalBytes, u.AvailableBytes, u.UsedRatio, u.TotalInodes, u.FreeInodes, u.InodesUsedRatio, null);
        }
        catch (IOException ex)
        {
            return new VolumeUsage(path, role, 0, 0, 0, 0, 0, 0, ex.Message);
        }
    }
}
