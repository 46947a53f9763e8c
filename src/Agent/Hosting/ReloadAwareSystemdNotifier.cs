using Microsoft.Extensions.Hosting.Systemd;

namespace KafkaAgent.Hosting;

/// <summary>
/// The host's systemd lifetime says STOPPING=1 whenever the host stops; when a reload replaces the host, systemd
/// would take that for the service stopping and kill it after TimeoutStopSec. Says RELOADING=1 instead.
/// </summary>
internal sealed class ReloadAwareSystemdNotifier(ISystemdNotifier inner, ReloadGate reload) : ISystemdNotifier
{
    private static readonly string Stopping = ServiceState.Stopping.ToString();

    public bool IsEnabled => inner.IsEnabled;

    public void Notify(ServiceState state)
    {
        if (reload.InProgress && state.ToString() == Stopping)
        {
            inner.Notify(new ServiceState("RELOADING=1"));
            return;
        }

        inner.Notify(state);
    }
}
