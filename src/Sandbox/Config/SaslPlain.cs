using System.Text.RegularExpressions;

namespace KafkaAgent.Sandbox.Config;

/// <summary>
/// The PLAIN users of each SASL listener, from Kafka's listener-prefixed JAAS property, e.g.
/// <c>listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required
/// username="admin" password="admin-secret" user_admin="admin-secret" user_agent="agent-secret";</c>.
/// The stand-in speaks PLAIN only; a SASL listener with users whose enabled mechanisms leave PLAIN out is refused at
/// start. A SASL listener without the property is served without authentication.
/// </summary>
internal static partial class SaslPlain
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> UsersOf(
        IReadOnlyList<ListenerEndpoint> listeners, Func<string, string?> get, string sourcePath)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var listener in listeners.Where(l => l.SecurityProtocol is "SASL_PLAINTEXT" or "SASL_SSL"))
        {
            var prefix = $"listener.name.{listener.ListenerName.ToLowerInvariant()}.";
            var key = prefix + "plain.sasl.jaas.config";
            if (get(key) is not { } jaas)
            {
                // Sandboxes written before the stand-in spoke SASL name such listeners without any JAAS settings;
                // they keep being served without authentication instead of failing to start.
                continue;
            }

            var mechanisms = get(prefix + "sasl.enabled.mechanisms") ?? get("sasl.enabled.mechanisms") ?? "GSSAPI";
            if (!mechanisms.Split(',', StringSplitOptions.TrimEntries).Contains("PLAIN", StringComparer.OrdinalIgnoreCase))
            {
                throw new ConfigException("sasl.enabled.mechanisms", $"listener {listener.ListenerName} enables {mechanisms}; the stand-in serves PLAIN only (in {sourcePath})");
            }

            var users = User().Matches(jaas).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            if (users.Count == 0)
            {
                throw new ConfigException(key, $"defines no user_NAME=\"password\" entry (in {sourcePath})");
            }

            result[listener.ListenerName] = users;
        }

        return result;
    }

    [GeneratedRegex("user_([^=\\s]+)\\s*=\\s*\"([^\"]*)\"")]
    private static partial Regex User();
}
