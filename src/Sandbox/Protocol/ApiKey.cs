namespace KafkaAgent.Sandbox.Protocol;

/// <summary>The API keys the stand-in answers (the rest of Kafka's are advertised, see <see cref="Kafka28Apis"/>).</summary>
internal enum ApiKey : short
{
    Metadata = 3,
    ApiVersions = 18,
}

/// <summary>Kafka's error codes that the stand-in returns.</summary>
internal enum ErrorCode : short
{
    None = 0,
    UnknownTopicOrPartition = 3,
    LeaderNotAvailable = 5,
    ReplicaNotAvailable = 9,
    UnsupportedVersion = 35,
    InvalidRequest = 42,
}

internal readonly record struct ApiVersionRange(short ApiKey, short MinVersion, short MaxVersion);
