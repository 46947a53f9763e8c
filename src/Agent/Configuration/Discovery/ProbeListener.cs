namespace KafkaAgent.Configuration.Discovery;

/// <summary>The listener the Kafka API probe talks to, and why it was chosen.</summary>
/// <param name="Listener">The entry of server.properties' listeners; null when kafka.listener names an endpoint none of them has.</param>
/// <param name="Protocol">Its security protocol from listener.security.protocol.map (PLAINTEXT when unknown).</param>
internal sealed record ProbeListener(HostPort Endpoint, KafkaListener? Listener, string Protocol, string Reason)
{
    /// <summary>
    /// kafka.listener_name, else the listener on kafka.listener's port, else a PLAINTEXT listener (no secrets
    /// needed), else the inter-broker listener (every broker must keep it reachable), else the first.
    /// </summary>
    /// <returns>The choice, or the problem as (key, message) when a configured name or endpoint is unusable.</returns>
    public static (ProbeListener? Choice, string? Key, string? Problem) Select(KafkaServerConfig server, string? listenerName, string? endpoint)
    {
        if (listenerName is { Length: > 0 })
        {
            var named = server.Listeners.FirstOrDefault(l => string.Equals(l.Name, listenerName, StringComparison.OrdinalIgnoreCase));
            if (named is null)
            {
                var names = string.Join(", ", server.Listeners.Select(l => l.Name));
                return (null, "kafka.listener_name", $"'{listenerName}' is not among the listeners of {server.SourcePath} ({names})");
            }

            return (From(server, named, "kafka.listener_name", endpoint), null, null);
        }

        if (endpoint is { Length: > 0 })
        {
            if (!HostPort.TryParse(endpoint, out var given))
            {
                return (null, "kafka.listener", $"'{endpoint}' is not host:port");
            }

            var onPort = server.Listeners.FirstOrDefault(l => l.Port == given!.Port);
            return onPort is null
                ? (new ProbeListener(given!, null, "PLAINTEXT", "kafka.listener (no listener of server.properties on that port)"), null, null)
                : (new ProbeListener(given!, onPort, server.ProtocolOf(onPort), $"kafka.listener (listener {onPort.Name})"), null, null);
        }

        if (server.Listeners.Count == 0)
        {
            return (null, "kafka.listener", $"not set, and {server.SourcePath} names no listener");
        }

        var plaintext = server.Listeners.FirstOrDefault(l => server.ProtocolOf(l) == "PLAINTEXT");
        if (plaintext is not null)
        {
            return (From(server, plaintext, "the first PLAINTEXT listener", null), null, null);
        }

        var interBroker = server.Listeners.FirstOrDefault(l => l.Name == server.InterBrokerListenerName);
        return interBroker is not null
            ? (From(server, interBroker, "the inter-broker listener", null), null, null)
            : (From(server, server.Listeners[0], "the first listener", null), null, null);
    }

    private static ProbeListener From(KafkaServerConfig server, KafkaListener listener, string reason, string? endpoint)
    {
        var at = endpoint is { Length: > 0 } && HostPort.TryParse(endpoint, out var given)
            ? given!
            : new HostPort(listener.IsWildcardHost ? "127.0.0.1" : listener.Host, listener.Port);
        return new ProbeListener(at, listener, server.ProtocolOf(listener), reason);
    }
}
