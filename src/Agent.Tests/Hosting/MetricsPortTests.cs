using System.Net;
using System.Net.Sockets;
using KafkaAgent.Cli;
using KafkaAgent.TestBed.Ports;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Hosting;

public sealed class MetricsPortTests
{
    [Fact]
    public async Task Run_MetricsPortBusy_OneLineNamingAddressAndKeyExit78()
    {
        using var lease = PortAllocator.Allocate();
        using var occupant = new TcpListener(IPAddress.Loopback, lease.Port);
        occupant.Start();
        using var host = new HostFiles().WithServer().WithZooKeeper().WithAgentYaml();
        File.WriteAllText(host.AgentYaml, File.ReadAllText(host.AgentYaml)
            .Replace("  enabled: false", $"  enabled: true\n  host: 127.0.0.1\n  port: {lease.Port}", StringComparison.Ordinal));
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = AgentCommandLine.Build().Parse(["run", "--config", host.AgentYaml]);
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        // Bounds the test if the agent started anyway: it would then run until cancelled and return 0.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var exit = await parse.InvokeAsync(cancellationToken: bound.Token);

        Assert.Equal(78, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"127.0.0.1:{lease.Port}", line, StringComparison.Ordinal);
        Assert.Contains("metrics.port", line, StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}
