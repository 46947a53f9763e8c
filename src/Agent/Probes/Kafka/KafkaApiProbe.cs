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
/// <remarks>
/// On a secured listener the client presents <paramref name="security"/>. A TLS handshake or SASL authentication that
/// fails is told apart from a broker that does not answer (<see cref="KafkaApiFacts.SecurityFailure"/>): the broker
/// may be fine, and restarting it would not help.
/// </remarks>
internal sealed class KafkaApiProbe(HostPort endpoint, TimeSpan timeout, TimeSpan metadataInterval, TimeProvider time, KafkaClientSecurity? security = null)
    : IProbe<KafkaApiFacts>
{
    private readonly KafkaClientSecurity _security = security ?? KafkaClientSecurity.Plaintext;
    private (KafkaApiFacts Facts, long At)? _lastAnswer;
    private bool _portWasOpen = true;

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
        var connect = TcpConnect.TryAsync(endpoint.Host, endpoint.Port, timeout, cancellationToken);
        var cached = _lastAnswer is { } last && time.GetElapsedTime(last.At) < metadataInterval ? last.Facts : null;

        // While the port was open at the last probe (or on the first one), Metadata is asked at the same time as
        // the port is checked, so a pass waits for the slower of the two instead of their sum. After the port was
        // found closed, the port is checked first: no admin client is built each cycle for a broker that is down.
        var metadata = cached is null && _portWasOpen ? StartMetadata() : null;

        var (open, detail) = await connect;
        _portWasOpen = open;
        if (!open)
        {
            _lastAnswer = null;
            return new KafkaApiFacts(endpoint.ToString(), false, false, 0, 0, detail);
        }

        if (cached is not null)
        {
            return cached;
        }

        var facts = await (metadata ?? StartMetadata()).WaitAsync(cancellationToken);
        _lastAnswer = facts.MetadataAnswered ? (facts, time.GetTimestamp()) : null;
        return facts;
    }

    // GetMetadata blocks its thread until the reply or the timeout; keep it off the thread pool's hot path.
    private Task<KafkaApiFacts> StartMetadata() =>
        Task.Factory.StartNew(RequestMetadata, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private KafkaApiFacts RequestMetadata()
    {
        var milliseconds = (int)Math.Max(100, timeout.TotalMilliseconds);
        var config = new AdminClientConfig
        {
            BootstrapServers = endpoint.ToString(),
            SocketTimeoutMs = milliseconds,
            // librdkafka refuses a connection set-up timeout under one second; the Metadata deadline still applies.
            SocketConnectionSetupTimeoutMs = Math.Max(1000, milliseconds),
            ReconnectBackoffMaxMs = 1000,
            ClientId = "kafka-agent",
        };
        _security.Apply(config);
        var refusal = new SecurityRefusal();
        try
        {
            // librdkafka would otherwise write its own log lines to stderr; its errors tell a refused handshake apart.
            var admin = new AdminClientBuilder(config).SetLogHandler((_, m) => refusal.Observe(m)).SetErrorHandler((_, e) => refusal.Observe(e)).Build();
            try
            {
                var metadata = admin.GetMetadata(timeout);
                return new KafkaApiFacts(endpoint.ToString(), true, true, metadata.Brokers.Count, metadata.Topics.Count, null);
            }
            catch (KafkaException ex) when (refusal.Reason is { } reason)
            {
                return new KafkaApiFacts(endpoint.ToString(), true, false, 0, 0, $"{_security.Describe()}: {reason} (Metadata: {ex.Error.Reason})")
                {
                    SecurityFailure = true,
                };
            }
            finally
            {
                // Destroying a librdkafka handle joins its threads, about 150 ms: more than the Metadata request itself.
                // Nobody waits for it: the answer is known already, and a one-shot check may exit before it is done.
                _ = Task.Run(admin.Dispose);
            }
        }
        catch (KafkaException ex)
        {
            var cause = refusal.First is { } first && first != ex.Error.Reason ? $" ({first})" : "";
            return new KafkaApiFacts(endpoint.ToString(), true, false, 0, 0, $"Metadata: {ex.Error.Reason}{cause}");
        }
        catch (ArgumentException ex)
        {
            // librdkafka refused the security settings themselves (a key file it cannot parse, say).
            return new KafkaApiFacts(endpoint.ToString(), true, false, 0, 0, $"{_security.Describe()}: {ex.Message}") { SecurityFailure = true };
        }
    }
}
