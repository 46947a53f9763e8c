namespace KafkaAgent.Configuration.Discovery;

/// <summary>
/// Kafka's zookeeper.connect: "h1:2181,h2:2181/chroot". The chroot applies to the whole string and is where
/// /brokers/ids lives.
/// </summary>
internal sealed record ZooKeeperConnect(IReadOnlyList<HostPort> Hosts, string? Chroot)
{
    /// <summary>The string our ZooKeeper client takes (same syntax as Kafka's).</summary>
    public string ConnectionString => string.Join(',', Hosts) + (Chroot ?? "");

    public override string ToString() => ConnectionString;

    public static bool TryParse(string text, out ZooKeeperConnect? result)
    {
        result = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var hostsPart = slash < 0 ? text : text[..slash];
        var chroot = slash < 0 ? null : text[slash..].TrimEnd('/');
        var hosts = new List<HostPort>();
        foreach (var entry in hostsPart.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!HostPort.TryParse(entry, out var hostPort))
            {
                return false;
            }

            hosts.Add(hostPort!);
        }

        if (hosts.Count == 0)
        {
            return false;
        }

        result = new ZooKeeperConnect(hosts, string.IsNullOrEmpty(chroot) ? null : chroot);
        return true;
    }
}
