using KafkaAgent.TestBed;
using static KafkaAgent.ZooKeeper.Tests.TestBed.RawProbe;

namespace KafkaAgent.ZooKeeper.Tests.TestBed;

[Trait("Category", "Integration")]
[Collection(StandaloneZooKeeperGroup.Name)]
public sealed class StandaloneServerTests(StandaloneZooKeeperFixture fixture)
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private ZooKeeperServer Server => fixture.Ensemble.Servers[0];

    [Fact]
    public async Task StartAsync_Standalone_ServesWithWhitelistedWords()
    {
        Assert.Equal("standalone", await ModeAsync(Server.ClientPort));
        Assert.Equal((Outcome.Answered, "imok"), await SendAsync(Server.ClientPort, "ruok", TimeSpan.FromSeconds(5)));
        Assert.Equal(Server.Endpoint, fixture.Ensemble.ConnectionString);
        Assert.Equal("1\n", await File.ReadAllTextAsync(Path.Combine(Server.DataDirectory, "myid")));
        Assert.Contains("4lw.commands.whitelist=*", await File.ReadAllTextAsync(Server.ConfigPath), StringComparison.Ordinal);
        Assert.Contains("admin.enableServer=false", await File.ReadAllTextAsync(Server.ConfigPath), StringComparison.Ordinal);
        Assert.True(new FileInfo(Server.LogPath).Length > 0, "the server logs to its own file");
    }

    [Fact]
    public async Task Kill_RunningServer_RefusesUntilRestartedWithSameData()
    {
        var snapshotsBefore = Directory.GetFiles(Path.Combine(Server.DataDirectory, "version-2"));

        Server.Kill();

        Assert.Null(Server.Pid);
        Assert.Equal(Outcome.Refused, (await SendAsync(Server.ClientPort, "srvr", Short)).Outcome);

        await Server.StartAsync();

        Assert.NotNull(Server.Pid);
        Assert.Equal("standalone", await ModeAsync(Server.ClientPort));
        Assert.Subset(Directory.GetFiles(Path.Combine(Server.DataDirectory, "version-2")).ToHashSet(), snapshotsBefore.ToHashSet());
    }

    [Fact]
    public async Task StopAsync_RunningServer_ExitsAndRefuses()
    {
        var pid = Server.Pid;

        await Server.StopAsync();

        Assert.Null(Server.Pid);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the process is gone");
        Assert.Equal(Outcome.Refused, (await SendAsync(Server.ClientPort, "srvr", Short)).Outcome);
        await Server.StartAsync();
        Assert.Equal("standalone", await ModeAsync(Server.ClientPort));
    }

    [Fact]
    public async Task Pause_RunningServer_AcceptsButNeverAnswersUntilResumed()
    {
        Server.Pause();
        try
        {
            Assert.True(Server.IsPaused);
            Assert.Equal(Outcome.Silent, (await SendAsync(Server.ClientPort, "srvr", Short)).Outcome);
        }
        finally
        {
            Server.Resume();
        }

        Assert.False(Server.IsPaused);
        Assert.Equal("standalone", await ModeAsync(Server.ClientPort));
    }

    [Fact]
    public async Task StopAsync_PausedServer_StillExits()
    {
        Server.Pause();

        await Server.StopAsync();

        Assert.Null(Server.Pid);
        await Server.StartAsync();
        Assert.Equal("standalone", await ModeAsync(Server.ClientPort));
    }

    [Fact]
    public async Task StartAsync_AlreadyRunning_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Server.StartAsync());
        Assert.Equal("standalone", await ModeAsync(Server.ClientPort));
    }
}
