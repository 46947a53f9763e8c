using System.Globalization;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>
/// A parsed connection string: "host1:2181,host2:2182/chroot". Hosts may be names, IPv4, or
/// bracketed IPv6 ("[::1]:2181"); the port defaults to 2181; the chroot is optional.
/// </summary>
internal sealed record ConnectionString(IReadOnlyList<HostEndpoint> Hosts, string? Chroot)
{
    public const int DefaultPort = 2181;

    public static ConnectionString Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var hostPart = slash < 0 ? text : text[..slash];
        string? chroot = null;
        if (slash >= 0)
        {
            chroot = text[slash..];
            if (chroot == "/")
            {
                chroot = null;
            }
            else
            {
                var problem = ZooKeeperPath.Validate(chroot, sequential: false);
                if (problem is not null)
                {
                    throw new ArgumentException($"Invalid chroot '{chroot}' in connection string '{value}': {problem}", nameof(value));
                }
            }
        }

        var hosts = new List<HostEndpoint>();
        foreach (var entry in hostPart.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            hosts.Add(ParseHost(entry, value));
        }

        if (hosts.Count == 0)
        {
            throw new ArgumentException($"Connection string '{value}' names no server", nameof(value));
        }

        return new ConnectionString(hosts, chroot);
    }

    private static HostEndpoint ParseHost(string entry, string whole)
    {
        string host;
        string? port = null;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException($"Unclosed '[' in server '{entry}' of connection string '{whole}'", nameof(whole));
            }

            host = entry[1..close];
            var rest = entry[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? rest[1..] : throw new ArgumentException($"Unexpected '{rest}' after ']' in server '{entry}' of connection string '{whole}'", nameof(whole));
            }
        }
        else
        {
            var colon = entry.LastIndexOf(':');
            if (colon >= 0 && entry.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                throw new ArgumentException($"IPv6 server '{entry}' in connection string '{whole}' must be written [address]:port", nameof(whole));
            }

            host = colon < 0 ? entry : entry[..colon];
            port = colon < 0 ? null : entry[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new ArgumentException($"Empty host in server '{entry}' of connection string '{whole}'", nameof(whole));
        }

        var portNumber = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            throw new ArgumentException($"Invalid port '{port}' in server '{entry}' of connection string '{whole}'", nameof(whole));
        }

        return new HostEndpoint(host, portNumber);
    }
}
