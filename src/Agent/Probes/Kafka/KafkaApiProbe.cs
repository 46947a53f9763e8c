using Confluent.Kafka;
using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Probes.Kafka;

/// <summary>
/// The runbook's "list topics" test: a Metadata request on the local listener through Confluent.Kafka.
/// The admin client is created and disposed per probe: librdkafka keeps threads and about 20 MB resident,
/// which a daemon that probes every few seconds should not carry between probes. Creating it costs CPU too,
/// so while the broker answers, Metadata is asked at most every <paramref name="metadataInterval"/> and the
/// cycles in between only check that the port accepts; any trouble makes every cycle ask again.
/// </summary>
internal sealed class KafkaApiProbe(HostPort endpoint, TimeSpan timeout, TimeSpan metadataInterval, TimeProvider time) : IProbe<KafkaApiFacts>
{
    private (KafkaApiFacts Facts, long At)? lastAnswer;

    /// <summary>
    /// Loads librdkafka and binds its entry points (a few hundred milliseconds of one-time work) on a background
    /// thread, so a one-shot check can overlap it with loading the configuration and the other probes.
    /// </summary>
    public static Task PreloadAsync() => Task.Run(() =>
    {
        try
        {
            Library.Load();
        }
        catch (Exception ex) when (ex is DllNotFoundException or InvalidOperationException or BadImageFormatException)
        {
            // The probe itself reports a missing librdkafka when it runs.
        }
    });

    public async Task<KafkaApiFacts> ProbeAsync(CancellationToken cancellationToken)
    {
        var (open, detail) = await TcpConnect.TryAsync(endpoint.Host, endpoint.Port, timeout, cancellationToken);
        if (!open)
        {
            lastAnswer = null;
            return new KafkaApiFacts(endpoint.ToString(), false, false, 0, 0, detail);
        }

        if (lastAnswer is { } last && time.GetElapsedTime(last.At) < metadataInterval)
        {
            return last.Facts;
        }

        // GetMetadata blocks its thread until the reply or the timeout; keep it off the thread pool's hot path.
        var facts = await Task.Factory.StartNew(RequestMetadata, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        lastAnswer = facts.MetadataAnswered ? (facts, time.GetTimestamp()) : null;
        return facts;
    }

    private KafkaApiFacts RequestMetadata()
    {
        var milliseconds = (int)Math.Max(100, timeout.TotalMilliseconds);
        var config = new AdminClientConfig
        {
            BootstrapServers = endpoint.ToString(),
            SocketTimeoutMs = milliseconds,
            SocketConnectionSetupTimeoutMs = milliseconds,
            ReconnectBackoffMaxMs = 1000,
            ClientId = "kafka-agent",
        };
        try
        {
            // librdkafka would otherwise write its own log lines to stderr.
            using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
            var metadata = admin.GetMetadata(timeout);
            return new KafkaApiFacts(endpoint.ToString(), true, true, metadata.Brokers.Count, metadata.Topics.Count, null);
        }
        catch (KafkaException ex)
        {
            return new KafkaApiFacts(endpoint.ToString(), true, false, 0, 0, $"Metadata: {ex.Error.Reason}");
        }
    }
}
