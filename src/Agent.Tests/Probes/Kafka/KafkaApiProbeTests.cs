using System.Net;
using System.Net.Sockets;
using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.TestBed.Ports;

namespace KafkaAgent.Tests.Probes.Kafka;

/// <summary>The Kafka API probe against loopback sockets that refuse, or accept and never answer.</summary>
public sealed class KafkaApiProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    private static KafkaApiProbe Probe(int port) =>
        new(new HostPort("127.0.0.1", port), Timeout, TimeSpan.FromSeconds(30), TimeProvider.System);

    [Fact]
    public async Task Probe_NothingListens_PortClosedConnectionRefused()
    {
        using var lease = PortAllocator.Allocate(); // reserved and verified unbound
        var facts = await Probe(lease.Port).ProbeAsync(CancellationToken.None);

        Assert.False(facts.PortOpen);
        Assert.False(facts.MetadataAnswered);
        Assert.Equal("connection refused", facts.Detail);
    }

    [Fact]
    public async Task Probe_ListenerNeverAnswers_PortOpenMetadataUnanswered()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts into the backlog and never reads: a hung broker
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var facts = await Probe(port).ProbeAsync(CancellationToken.None);

        Assert.True(facts.PortOpen);
        Assert.False(facts.MetadataAnswered);
        Assert.StartsWith("Metadata:", facts.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_PortClosedThenSilentListener_AsksMetadataAgainOnceThePortOpens()
    {
        using var lease = PortAllocator.Allocate();
        var probe = Probe(lease.Port);
        var closed = await probe.ProbeAsync(CancellationToken.None);
        using var listener = new TcpListener(IPAddress.Loopback, lease.Port);
        listener.Start();

        var open = await probe.ProbeAsync(CancellationToken.None);

        Assert.False(closed.PortOpen);
        Assert.True(open.PortOpen);
        Assert.False(open.MetadataAnswered);
        Assert.StartsWith("Metadata:", open.Detail, StringComparison.Ordinal);
    }
}
