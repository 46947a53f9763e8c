using KafkaAgent.TestBed;
using KafkaAgent.TestBed.Ports;
using KafkaAgent.TestBed.Processes;

namespace KafkaAgent.ZooKeeper.Tests.TestBed;

[Trait("Category", "Integration")]
public sealed class LifecycleTests
{
    [Fact]
    public async Task DisposeAsync_NotWhitelisted_OnlySrvrAnswersAndEverythingIsRemoved()
    {
        var ensemble = await ZooKeeperEnsemble.StartAsync(1, new ZooKeeperServerOptions { WhitelistFourLetterWords = false });
        var server = ensemble.Servers[0];
        var pid = server.Pid;
        try
        {
            Assert.Equal("standalone", await RawProbe.ModeAsync(server.ClientPort));
            var (_, ruok) = await RawProbe.SendAsync(server.ClientPort, "ruok", TimeSpan.FromSeconds(5));
            Assert.Contains("is not executed because it is not in the whitelist", ruok, StringComparison.Ordinal);
            Assert.DoesNotContain("4lw.commands.whitelist", await File.ReadAllTextAsync(server.ConfigPath), StringComparison.Ordinal);
        }
        finally
        {
            await ensemble.DisposeAsync();
        }

        Assert.NotNull(pid);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the server process is gone");
        Assert.False(Directory.Exists(ensemble.BaseDirectory), "the temp dir is deleted");
        Assert.Equal(RawProbe.Outcome.Refused, (await RawProbe.SendAsync(server.ClientPort, "srvr", TimeSpan.FromSeconds(1))).Outcome);
    }

    [Fact]
    public async Task Allocate_ManyInParallel_NeverHandsOutAPortTwice()
    {
        var leases = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(PortAllocator.Allocate)));
        try
        {
            Assert.Equal(64, leases.Select(lease => lease.Port).Distinct().Count());
        }
        finally
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    [Fact]
    public async Task Watchdog_HostDies_KillsRecordedProcessAndDeletesDirectory()
    {
        var registry = Directory.CreateTempSubdirectory("testbed-registry-");
        var doomed = Directory.CreateTempSubdirectory("testbed-doomed-");
        var marker = Path.Combine(doomed.FullName, "zoo.cfg");
        using var host = System.Diagnostics.Process.Start("/bin/sleep", "300");
        using var server = StartWithMarker(marker);
        await File.WriteAllTextAsync(Path.Combine(registry.FullName, $"pid-{server.Id}"), marker);
        await File.WriteAllTextAsync(Path.Combine(registry.FullName, "dir-1"), doomed.FullName);

        ProcessRegistry.StartWatchdog(host.Id, registry.FullName);
        Assert.False(server.HasExited, "the watchdog waits while the host lives");
        host.Kill();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await server.WaitForExitAsync(deadline.Token);
        while (Directory.Exists(registry.FullName))
        {
            await Task.Delay(50, deadline.Token);
        }

        Assert.False(Directory.Exists(doomed.FullName));
    }

    // The trailing ":" keeps sh from exec-ing sleep, so the marker stays on the command line.
    private static System.Diagnostics.Process StartWithMarker(string marker)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 30; :", marker } };
        return System.Diagnostics.Process.Start(start)!;
    }
}
