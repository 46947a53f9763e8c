using System.Net;
using System.Net.Sockets;
using System.Text;
using KafkaAgent.Configuration;
using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Tests.Probes.ZooKeeper;

/// <summary>
/// The probe against a loopback listener that answers one fixed four-letter-word reply: the replies a real
/// ZooKeeper cannot be configured to give (3.5+ always allows srvr) but an older or proxied one may.
/// </summary>
public sealed class ZooKeeperProbeTests
{
    private static async Task<ZooKeeperFacts> ProbeAgainstAsync(string reply, FakeSessionCheck sessions)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var word = new byte[4];
            await stream.ReadExactlyAsync(word);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply));
        });
        var settings = new ZooKeeperSettings(new ZooKeeperConnect([new HostPort("127.0.0.1", port)], null), TimeSpan.FromSeconds(6),
            new HostPort("127.0.0.1", port), TimeSpan.FromSeconds(5), null,
            new ServiceSettings("zookeeper", ServiceManagerKind.Script, null, TimeSpan.FromSeconds(30), "QuorumPeerMain",
                new ServiceScripts("/usr/local/kafka/bin/zookeeper-server-start.sh", "/etc/kafka/config/zookeeper.properties", "root", "root", 0, 0)));

        var facts = await new ZooKeeperProbe(settings, sessions).ProbeAsync(CancellationToken.None);
        await server;
        return facts;
    }

    [Fact]
    public async Task ProbeAsync_SrvrNotWhitelisted_SessionDecidesAndWarning()
    {
        var sessions = new FakeSessionCheck(serving: true);

        var facts = await ProbeAgainstAsync("srvr is not executed because it is not in the whitelist.\n", sessions);

        Assert.Equal(1, sessions.Calls);
        Assert.Equal(ZooKeeperReachability.Answered, facts.Reachability);
        Assert.True(facts.Serving);
        Assert.False(facts.FourLetterWordsWhitelisted);
        Assert.Null(facts.Mode);
        Assert.Equal([FindingIds.ZooKeeperFourLetterWordsDisabled], ZooKeeperRules.Evaluate(facts).Findings.Select(f => f.Id));
    }

    [Fact]
    public async Task ProbeAsync_SrvrNotServing_NotServingWithoutSession()
    {
        var sessions = new FakeSessionCheck();

        var facts = await ProbeAgainstAsync("This ZooKeeper instance is not currently serving requests\n", sessions);

        Assert.Equal(0, sessions.Calls);
        Assert.False(facts.Serving);
        Assert.Equal([FindingIds.ZooKeeperNotServing], ZooKeeperRules.Evaluate(facts).Findings.Select(f => f.Id));
    }
}
