using System.Text;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>
/// The SASL stage of one connection on a SASL_PLAINTEXT or SASL_SSL listener, as Kafka 2.8's
/// SaslServerAuthenticator runs it for PLAIN: ApiVersions may come first, then SaslHandshake v1 naming the
/// mechanism, then SaslAuthenticate with the PLAIN token ([authzid] NUL user NUL password). Any other request
/// before that closes the connection; a wrong password gets SASL_AUTHENTICATION_FAILED and then the close.
/// </summary>
internal sealed class SaslPlainServer(IReadOnlyDictionary<string, string> users, RequestDispatcher dispatcher)
{
    private bool _handshakeDone;

    public bool Authenticated { get; private set; }

    /// <summary>The reply to a frame sent before authentication; a set CloseReason closes the connection after any reply.</summary>
    public DispatchResult Handle(ReadOnlySpan<byte> payload, string listenerName)
    {
        var reader = new KafkaReader(payload);
        if (!RequestHeader.TryRead(ref reader, out var header, out var unparsed))
        {
            return unparsed;
        }

        try
        {
            return (ApiKey)header.ApiKey switch
            {
                ApiKey.ApiVersions => dispatcher.Dispatch(payload, listenerName),
                ApiKey.SaslHandshake when !_handshakeDone && header.ApiVersion == 1 => Handshake(header, ref reader),
                ApiKey.SaslAuthenticate when _handshakeDone && header.ApiVersion is >= 0 and <= 2 => Authenticate(header, ref reader),
                _ => new DispatchResult(null, header, $"Unexpected Kafka request of type {header.ApiKey} v{header.ApiVersion} during SASL handshake."),
            };
        }
        catch (KafkaProtocolException e)
        {
            return new DispatchResult(null, header, $"Error parsing SASL request {header.ApiKey} v{header.ApiVersion}: {e.Message}");
        }
    }

    private DispatchResult Handshake(RequestHeader header, ref KafkaReader body)
    {
        var mechanism = body.ReadNullableString();
        var writer = new KafkaWriter().Int32(header.CorrelationId);
        var supported = mechanism == "PLAIN";
        writer.Int16((short)(supported ? ErrorCode.None : ErrorCode.UnsupportedSaslMechanism)).ArrayLength(1, compact: false).String("PLAIN", compact: false);
        _handshakeDone = supported;
        return new DispatchResult(writer.ToFrame(), header, supported ? null : $"Unsupported SASL mechanism {mechanism}");
    }

    private DispatchResult Authenticate(RequestHeader header, ref KafkaReader body)
    {
        var flexible = header.ApiVersion >= 2;
        var token = body.ReadBytes(flexible);
        var ok = Check(token, out var user);
        var writer = new KafkaWriter().Int32(header.CorrelationId);
        if (flexible)
        {
            writer.NoTaggedFields(); // response header v1
        }

        writer.Int16((short)(ok ? ErrorCode.None : ErrorCode.SaslAuthenticationFailed))
            .String(ok ? null : "Authentication failed: Invalid username or password", flexible);
        // auth_bytes: empty (PLAIN has no server challenge)
        if (flexible)
        {
            writer.UnsignedVarint(1);
        }
        else
        {
            writer.Int32(0);
        }

        if (header.ApiVersion >= 1)
        {
            writer.Int64(0); // session_lifetime_ms: no re-authentication required
        }

        if (flexible)
        {
            writer.NoTaggedFields();
        }

        Authenticated = ok;
        return new DispatchResult(writer.ToFrame(), header, ok ? null : $"Failed authentication with user {user} (Authentication failed: Invalid username or password)");
    }

    private bool Check(byte[] token, out string user)
    {
        var parts = Encoding.UTF8.GetString(token).Split('\0');
        user = parts.Length == 3 ? parts[1] : "?";
        return parts.Length == 3
            && (parts[0].Length == 0 || parts[0] == parts[1])
            && users.TryGetValue(parts[1], out var password)
            && password == parts[2];
    }
}
