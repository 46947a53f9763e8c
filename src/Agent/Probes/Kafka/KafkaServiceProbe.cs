using KafkaAgent.Platform;

namespace KafkaAgent.Probes.Kafka;

internal sealed class KafkaServiceProbe(string service, IServiceManager manager) : IProbe<KafkaServiceFacts>
{
    public async Task<KafkaServiceFacts> ProbeAsync(CancellationToken cancellationToken)
    {
        var status = await manager.GetStatusAsync(service, cancellationToken);
        return new KafkaServiceFacts(service, manager.Kind, status.State, status.MainPid, status.Detail);
    }
}
