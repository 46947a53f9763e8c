using System.Globalization;

namespace KafkaAgent.Events;

/// <summary>
/// The local ZooKeeper's pid, found as the ZooKeeper process started with this host's config file (its last
/// argument, as zkServer.sh, zookeeper-server-start.sh and Debian's unit pass it). Matching the config keeps the
/// right server when several run on one machine (a sandbox, or a test bed).
/// </summary>
internal sealed class ZooKeeperProcessLocator(string configPath, string procRoot = "/proc") : IProcessLocator
{
    private readonly string _config = Path.GetFullPath(configPath);

    public string Service => "zookeeper";

    public DetectionEvent ExitEvent => DetectionEvent.ZooKeeperExit;

    public bool Identifies(IReadOnlyList<string> commandLine) => ProcessIdentity.IsZooKeeper(commandLine);

    public Task<ProcessCandidate> LocateAsync(CancellationToken cancellationToken)
    {
        foreach (var dir in Directory.EnumerateDirectories(procRoot))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            if (ProcessIdentity.CommandLine(pid, procRoot) is { } args && ProcessIdentity.IsZooKeeper(args)
                && string.Equals(ProcessIdentity.LastArgumentPath(pid, args, procRoot), _config, StringComparison.Ordinal))
            {
                return Task.FromResult(new ProcessCandidate(pid, Trusted: false, $"/proc scan for {_config}"));
            }
        }
        return Task.FromResult(new ProcessCandidate(null, Trusted: false, $"no ZooKeeper process runs with {_config}"));
    }
}
