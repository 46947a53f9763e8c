using Confluent.Kafka;

namespace KafkaAgent.Probes.Kafka;

/// <summary>
/// Watches librdkafka's error events for the signs of a refused connection set-up (TLS handshake, SASL
/// authentication, a security protocol the listener does not speak) and keeps the first one's words.
/// </summary>
internal sealed class SecurityRefusal
{
    private string? _reason;
    private string? _first;

    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>
    /// The first error librdkafka reported, refusal or not: what the connection died of (later ones tend to be
    /// the summary "1/1 brokers are down").
    /// </summary>
    public string? First => Volatile.Read(ref _first);

    public void Observe(Error error)
    {
        Interlocked.CompareExchange(ref _first, error.Reason, null);
        if (IsRefusal(error))
        {
            Interlocked.CompareExchange(ref _reason, error.Reason, null);
        }
    }

    /// <summary>
    /// librdkafka's log lines: a connection the broker closed right after the TLS handshake (a client certificate
    /// refused under TLS 1.3) shows up only here, as a warning naming the SSL failure, not as an error event.
    /// </summary>
    public void Observe(LogMessage message)
    {
        if (message.Level > SyslogLevel.Warning)
        {
            return;
        }

        Interlocked.CompareExchange(ref _first, message.Message, null);
        if (message.Message.Contains("SSL", StringComparison.Ordinal) || message.Message.Contains("SASL", StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _reason, message.Message, null);
        }
    }

    public static bool IsRefusal(Error error) =>
        error.Code is ErrorCode.Local_Ssl or ErrorCode.Local_Authentication or ErrorCode.SaslAuthenticationFailed
            or ErrorCode.UnsupportedSaslMechanism or ErrorCode.IllegalSaslState
        // A TLS client on a plaintext listener, or the other way round, ends as a dropped connection whose
        // text librdkafka words with the hint itself.
        || error.Reason.Contains("security.protocol", StringComparison.Ordinal)
        || error.Reason.Contains("SSL handshake", StringComparison.OrdinalIgnoreCase)
        // TLS 1.3 sends the server's refusal of a client certificate after the handshake, as an alert on the first read.
        || error.Reason.Contains("alert certificate", StringComparison.OrdinalIgnoreCase);
}
