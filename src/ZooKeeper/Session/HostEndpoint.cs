namespace KafkaAgent.ZooKeeper.Session;

/// <summary>One server of the connection string.</summary>
internal sealed record HostEndpoint(string Host, int Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
