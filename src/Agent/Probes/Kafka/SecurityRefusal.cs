using Confluent.Kafka;

namespace KafkaAgent.Probes.Kafka;

/// <summary>
/// Watches librdkafka's error events for the signs of a refused connection set-up (TLS handshake, SASL
/// authentication, a security protocol the listener does not speak) and keeps the first one's words.
/// </summary>
internal sealed class SecurityRefusal
{
    private string? reason;

    public string? Reason => Volatile.Read(ref reason);

    public void Observe(Error error)
    {
        if (IsRefusal(error))
        {
            Interlocked.CompareExchange(ref reason, error.Reason, null);
        }
    }

    public static bool IsRefusal(Error error) =>
        error.Code is ErrorCode.Local_Ssl or ErrorCode.Local_Authentication or ErrorCode.SaslAuthenticationFailed
            or ErrorCode.UnsupportedSaslMechanism or ErrorCode.IllegalSaslState
        // A TLS client on a plaintext listener, or the other way round, ends as a dropped connection whose
        // text librdkafka words with the hint itself.
        || error.Reason.Contains("security.protocol", StringComparison.Ordinal)
        || error.Reason.Contains("SSL handshake", StringComparison.OrdinalIgnoreCase);
}
