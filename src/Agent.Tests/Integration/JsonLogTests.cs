using System.Diagnostics;
using System.Text.Json;
using KafkaAgent.Diagnosis;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>The real `kafka-agent run` binary's console output with logging.format json and with the default text.</summary>
[Trait("Category", "Integration")]
public sealed class JsonLogTests : IDisposable
{
    // No ZooKeeper listens on port 1: the first cycle raises zk.down.
    private readonly HostFiles _host = new HostFiles().WithServer().WithZooKeeper(1, "a");

    private string RunUntil(string extraYaml, string marker)
    {
        _host.WithAgentYaml("interval_seconds: 1\n" + extraYaml);
        var log = Path.Combine(_host.Root, "agent.log");
        using (var agent = new AgentProcess(_host.AgentYaml, log).Start())
        {
            var clock = Stopwatch.StartNew();
            while (!agent.Log().Contains(marker, StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(60) && agent.Running)
            {
                Thread.Sleep(200);
            }
        }

        return File.ReadAllText(log);
    }

    [Fact]
    public void Run_LoggingFormatJson_OneJsonObjectPerLineWithEventIdAndFinding()
    {
        var output = RunUntil("logging:\n  format: json\n", "\"EventId\":4001");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, output);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(events, e =>
        {
            Assert.True(e.TryGetProperty("Timestamp", out _), e.ToString());
            Assert.True(e.TryGetProperty("LogLevel", out _), e.ToString());
            Assert.True(e.TryGetProperty("Message", out _), e.ToString());
        });

        Assert.Contains(events, e => e.GetProperty("EventId").GetInt32() == 1000 && e.GetProperty("Category").GetString() == "KafkaAgent.Hosting.AgentWorker");
        var raised = events.Where(e => e.GetProperty("EventId").GetInt32() == 4001).ToList();
        var zkDown = Assert.Single(raised, e => e.GetProperty("State").GetProperty("Finding").GetString() == FindingIds.ZooKeeperDown);
        Assert.Equal("Error", zkDown.GetProperty("LogLevel").GetString());
        Assert.Equal("Critical", zkDown.GetProperty("State").GetProperty("Severity").GetString());
        Assert.Matches(@"^finding zk\.down \[[^]]*\] \(Critical\): ", zkDown.GetProperty("Message").GetString());
    }

    [Fact]
    public void Run_DefaultFormat_ReadableTextNotJson()
    {
        var output = RunUntil("", "finding zk.down");

        // zk.down is critical: error priority.
        Assert.Contains("fail: KafkaAgent.Cycle.AgentCycle[4001]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"EventId\"", output, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
