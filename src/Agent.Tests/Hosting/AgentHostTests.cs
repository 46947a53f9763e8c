using KafkaAgent.Cycle;
using KafkaAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace KafkaAgent.Tests.Hosting;

public sealed class AgentHostTests
{
    [Fact]
    public void Build_NotifySocketSet_UsesSystemdLifetimeAndNotifier()
    {
        using var host = AgentHost.Build(AddFakeCycle, Environment(notifySocket: "/run/systemd/notify"));

        Assert.IsType<SystemdLifetime>(host.Services.GetRequiredService<IHostLifetime>());
        Assert.IsType<SystemdServiceNotifier>(host.Services.GetRequiredService<IServiceNotifier>());
    }

    [Fact]
    public void Build_NoNotifySocket_UsesTheNullNotifier()
    {
        using var host = AgentHost.Build(AddFakeCycle, Environment(notifySocket: null));

        Assert.IsNotType<SystemdLifetime>(host.Services.GetRequiredService<IHostLifetime>());
        Assert.IsType<NullServiceNotifier>(host.Services.GetRequiredService<IServiceNotifier>());
    }

    [Fact]
    public void Build_CycleRegistered_RunsItInOneWorker()
    {
        using var host = AgentHost.Build(AddFakeCycle, Environment(notifySocket: null));

        Assert.IsType<FakeAgentCycle>(host.Services.GetRequiredService<IAgentCycle>());
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<AgentWorker>());
    }

    private static void AddFakeCycle(HostApplicationBuilder builder) =>
        builder.Services.AddSingleton<IAgentCycle>(FakeAgentCycle.Returning(TimeProvider.System));

    private static SystemdEnvironment Environment(string? notifySocket) =>
        new(name => name == "NOTIFY_SOCKET" ? notifySocket : null, processId: 1);
}
