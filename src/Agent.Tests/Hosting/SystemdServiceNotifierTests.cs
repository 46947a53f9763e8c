using KafkaAgent.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Hosting;

public sealed class SystemdServiceNotifierTests
{
    [Fact]
    public void Status_MultiLineText_SendsOneStatusLine()
    {
        var sent = new RecordingSystemdNotifier();
        var notifier = Create(sent, new() { ["NOTIFY_SOCKET"] = "/run/x" });

        notifier.Status("CRITICAL: zk.down\nREADY=1\tsecond");

        Assert.Equal(["STATUS=CRITICAL: zk.down READY=1 second"], sent.Sent);
    }

    [Fact]
    public void Status_VeryLongText_IsCutToTheLimit()
    {
        var sent = new RecordingSystemdNotifier();
        var notifier = Create(sent, new() { ["NOTIFY_SOCKET"] = "/run/x" });

        notifier.Status(new string('x', 1000));

        Assert.Equal("STATUS=".Length + SystemdServiceNotifier.MaxStatusLength, sent.Sent.Single().Length);
    }

    [Fact]
    public void Status_LongSentence_CutAtAWordBoundaryWithinTheLimit()
    {
        var sent = new RecordingSystemdNotifier();
        var notifier = Create(sent, new() { ["NOTIFY_SOCKET"] = "/run/x" });
        var text = "CRITICAL: kafka.down: " + string.Join(' ', Enumerable.Repeat("ownership.foreign_symlink", 20));

        notifier.Status(text);

        var status = sent.Sent.Single()["STATUS=".Length..];
        Assert.True(status.Length <= SystemdServiceNotifier.MaxStatusLength, status);
        Assert.EndsWith("ownership.foreign_symlink …", status);
        Assert.StartsWith(status[..^2], text);
    }

    [Fact]
    public void Watchdog_Armed_SendsWatchdog1()
    {
        var sent = new RecordingSystemdNotifier();
        var notifier = Create(sent, new() { ["NOTIFY_SOCKET"] = "/run/x", ["WATCHDOG_USEC"] = "30000000" });

        notifier.Watchdog();

        Assert.Equal(TimeSpan.FromSeconds(30), notifier.WatchdogTimeout);
        Assert.Equal(["WATCHDOG=1"], sent.Sent);
    }

    [Fact]
    public void Watchdog_NotArmed_SendsNothing()
    {
        var sent = new RecordingSystemdNotifier();
        var notifier = Create(sent, new() { ["NOTIFY_SOCKET"] = "/run/x" });

        notifier.Watchdog();

        Assert.Null(notifier.WatchdogTimeout);
        Assert.Empty(sent.Sent);
    }

    [Fact]
    public void Status_SocketGone_DoesNotThrow()
    {
        var sent = new RecordingSystemdNotifier { Throw = true };
        var notifier = Create(sent, new() { ["NOTIFY_SOCKET"] = "/run/x" });

        notifier.Status("OK");

        Assert.Empty(sent.Sent);
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("30000000", "4243", null)]
    [InlineData("30000000", "x", null)]
    [InlineData("0", null, null)]
    [InlineData("-5", null, null)]
    [InlineData("soon", null, null)]
    [InlineData(null, null, null)]
    public void WatchdogTimeout_Environment_FollowsSdWatchdogEnabled(string? usec, string? pid, double? expectedSeconds)
    {
        var environment = new SystemdEnvironment(
            name => name switch { "NOTIFY_SOCKET" => "/run/x", "WATCHDOG_USEC" => usec, "WATCHDOG_PID" => pid, _ => null },
            processId: 4242);

        Assert.Equal(expectedSeconds, environment.WatchdogTimeout()?.TotalSeconds);
    }

    [Fact]
    public void WatchdogTimeout_NoNotifySocket_IsNull()
    {
        var environment = new SystemdEnvironment(name => name == "WATCHDOG_USEC" ? "30000000" : null, processId: 1);

        Assert.False(environment.HasNotifySocket);
        Assert.Null(environment.WatchdogTimeout());
    }

    private static SystemdServiceNotifier Create(RecordingSystemdNotifier sent, Dictionary<string, string> variables) =>
        new(sent, new SystemdEnvironment(name => variables.GetValueOrDefault(name), processId: 1),
            NullLogger<SystemdServiceNotifier>.Instance);

    private sealed class RecordingSystemdNotifier : ISystemdNotifier
    {
        public List<string> Sent { get; } = [];

        public bool Throw { get; init; }

        public bool IsEnabled => true;

        public void Notify(ServiceState state)
        {
            if (Throw)
            {
                throw new System.Net.Sockets.SocketException(111);
            }
            Sent.Add(state.ToString());
        }
    }
}
