namespace KafkaAgent.Hosting;

/// <summary>Used outside systemd (a shell, Windows): nobody listens for STATUS= or WATCHDOG=1 there.</summary>
internal sealed class NullServiceNotifier : IServiceNotifier
{
    public TimeSpan? WatchdogTimeout => null;

    public void Status(string text)
    {
    }

    public void Watchdog()
    {
    }
}
