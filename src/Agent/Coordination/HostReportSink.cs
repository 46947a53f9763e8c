using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.State;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

/// <summary>Where the cycle hands its outcome for the rest of the cluster to see.</summary>
internal interface IHostReportSink
{
    Task PublishAsync(DiagnosisReport report, AgentState state, CancellationToken cancellationToken);
}

/// <summary>Nothing is published (check, and tests without ZooKeeper).</summary>
internal sealed class NoHostReports : IHostReportSink
{
    public Task PublishAsync(DiagnosisReport report, AgentState state, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The daemon's host report: built from the cycle's findings and the persisted state, published through the
/// coordination session by <see cref="HostReportPublisher"/> (rewritten only when it changed). A report that
/// cannot be published (no quorum) is left for the next cycle: the report never holds up healing.
/// </summary>
internal sealed class ZooKeeperHostReportSink(
    ICoordinationSession session,
    AgentSettings settings,
    TimeProvider time,
    ILogger<ZooKeeperHostReportSink> logger,
    string host) : IHostReportSink
{
    private readonly HostReportPublisher _publisher = new(settings.Kafka.BrokerId, time, logger);

    public async Task PublishAsync(DiagnosisReport report, AgentState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            var client = await session.GetAsync(cancellationToken);
            await _publisher.PublishAsync(client, Build(report, state, time.GetUtcNow()), cancellationToken);
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.HostReportNotPublished(logger, ex.Message);
        }
    }

    internal HostReport Build(DiagnosisReport report, AgentState state, DateTimeOffset now) => new(
        settings.Kafka.BrokerId,
        host,
        report.Overall.ToString().ToUpperInvariant(),
        report.Findings.Select(f => f.Id).Distinct(StringComparer.Ordinal).ToList(),
        state.LastActions.Select(a => new HostAction(a.Action, a.Result, a.At.ToUnixTimeMilliseconds())).ToList(),
        state.Circuits.Keys.Where(a => state.OpenCircuit(a, now, settings.Heal.CoolOff) is not null).Order(StringComparer.Ordinal).ToList(),
        state.IsPaused(now),
        state.IsPaused(now) ? state.Pause!.Until.ToUnixTimeMilliseconds() : null,
        ProductVersion.Short,
        settings.Mode.ToString().ToLowerInvariant());
}
