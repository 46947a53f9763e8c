using KafkaAgent.Cycle;
using KafkaAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Tests.Hosting;

public sealed class AgentHostTests
{
    [Fact]
    public void Build_NotifySocketSet_UsesSystemdLifetimeAndNotifier()
    {
        using var host = AgentHost.Build(AddFakeCycle, Environment(notifySocket: "/run/systemd/notify"));

        Assert.IsType<SystemdLifetime>(host.Services.GetRequiredService<IHostLifetime>());
        Assert.IsType<SystemdServiceNotifier>(Assert.IsType<HeartbeatServiceNotifier>(host.Services.GetRequiredService<IServiceNotifier>()).Inner);
    }

    [Fact]
    public void Build_NoNotifySocket_UsesTheNullNotifier()
    {
        using var host = AgentHost.Build(AddFakeCycle, Environment(notifySocket: null));

        Assert.IsNotType<SystemdLifetime>(host.Services.GetRequiredService<IHostLifetime>());
        Assert.IsType<NullServiceNotifier>(Assert.IsType<HeartbeatServiceNotifier>(host.Services.GetRequiredService<IServiceNotifier>()).Inner);
    }

    [Fact]
    public void Build_CycleRegistered_RunsItInOneWorker()
    {
        using var host = AgentHost.Build(AddFakeCycle, Environment(notifySocket: null));

        Assert.IsType<FakeAgentCycle>(host.Services.GetRequiredService<IAgentCycle>());
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<AgentWorker>());
    }

    [Fact]
    public void Build_Logging_HostLifetimeInfoLinesDroppedWarningsKept()
    {
        using var host = AgentHost.Build(AddFakeCycle, Environment(notifySocket: null));
        var lifetime = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.Hosting.Lifetime");

        Assert.False(lifetime.IsEnabled(LogLevel.Information));
        Assert.True(lifetime.IsEnabled(LogLevel.Warning));
    }

    private static void AddFakeCycle(HostApplicationBuilder builder) =>
        builder.Services.AddSingleton<IAgentCycle>(FakeAgentCycle.Returning(TimeProvider.System));

    private static SystemdEnvironment Environment(string? notifySocket) =>
        new(name => name == "NOTIFY_SOCKET" ? notifySocket : null, processId: 1);
}
