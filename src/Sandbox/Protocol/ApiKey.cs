namespace KafkaAgent.Sandbox.Protocol;

/// <summary>The API keys the stand-in answers (the rest of Kafka's are advertised, see <see cref="Kafka28Apis"/>).</summary>
internal enum ApiKey : short
{
    Metadata = 3,
    SaslHandshake = 17,
    ApiVersions = 18,
    SaslAuthenticate = 36,
}

/// <summary>Kafka's error codes that the stand-in returns.</summary>
internal enum ErrorCode : short
{
    None = 0,
    UnknownTopicOrPartition = 3,
    LeaderNotAvailable = 5,
    ReplicaNotAvailable = 9,
    UnsupportedSaslMechanism = 33,
    IllegalSaslState = 34,
    UnsupportedVersion = 35,
    InvalidRequest = 42,
    SaslAuthenticationFailed = 58,
}

internal readonly record struct ApiVersionRange(short ApiKey, short MinVersion, short MaxVersion);
