using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KafkaAgent.Configuration;

namespace KafkaAgent.Hosting;

/// <summary>
/// Binds the metrics address once before the host starts. The exporter's HttpListener fails deep inside host
/// start-up with two stack traces and exit 1, which systemd then restarts in a loop; a busy port is a
/// configuration problem (exit 78) and deserves one line naming the address and the key.
/// </summary>
internal static class MetricsPortCheck
{
    /// <returns>Null when the address can be bound (or cannot be checked: a host name other than localhost).</returns>
    public static string? Problem(AgentSettings settings)
    {
        var metrics = settings.Metrics;
        if (!metrics.Enabled || Address(metrics.Host) is not { } address)
        {
            return null;
        }

        var shown = string.Create(CultureInfo.InvariantCulture, $"{metrics.Host}:{metrics.Port}");
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, metrics.Port));
            socket.Listen(1);
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"metrics.port: {shown} is already in use by another process; stop it or set another metrics.port in {settings.ConfigPath}";
        }
        catch (SocketException ex)
        {
            return $"metrics.port: cannot listen on {shown}: {ex.Message} (metrics.host/metrics.port in {settings.ConfigPath})";
        }
    }

    private static IPAddress? Address(string host) => host switch
    {
        "*" or "+" => IPAddress.Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.TryParse(host, out var ip) ? ip : null,
    };
}
