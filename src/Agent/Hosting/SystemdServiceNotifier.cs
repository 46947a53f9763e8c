using System.Text;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Hosting;

/// <summary>
/// STATUS= and WATCHDOG=1 over the sd_notify datagram socket, through the hosting package's own
/// <see cref="ISystemdNotifier"/> (which already sends READY=1 and STOPPING=1 from the host lifetime).
/// </summary>
internal sealed class SystemdServiceNotifier : IServiceNotifier
{
    // systemd truncates nothing, but `systemctl status` shows one line; keep it readable.
    internal const int MaxStatusLength = 200;

    private readonly ISystemdNotifier _notifier;
    private readonly ILogger<SystemdServiceNotifier> _logger;
    private int _failuresLogged;

    public SystemdServiceNotifier(ISystemdNotifier notifier, SystemdEnvironment environment, ILogger<SystemdServiceNotifier> logger)
    {
        _notifier = notifier;
        _logger = logger;
        WatchdogTimeout = environment.WatchdogTimeout();
    }

    public TimeSpan? WatchdogTimeout { get; }

    public void Status(string text) => Send("STATUS=" + OneLine(text));

    public void Watchdog()
    {
        if (WatchdogTimeout is not null)
        {
            Send("WATCHDOG=1");
        }
    }

    /// <summary>
    /// Each line of an sd_notify datagram is a separate assignment, so a status must be one line. A long one is cut
    /// at the last word that fits and marked with an ellipsis, so no finding id is shown half-written.
    /// </summary>
    internal static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        var line = builder.ToString().Trim();
        if (line.Length <= MaxStatusLength)
        {
            return line;
        }

        const string Ellipsis = " \u2026";
        var room = MaxStatusLength - Ellipsis.Length;
        var cut = line.LastIndexOf(' ', room);
        var head = (cut > 0 ? line[..cut] : line[..room]).TrimEnd();
        return head + Ellipsis;
    }

    private void Send(string assignment)
    {
        try
        {
            _notifier.Notify(new ServiceState(assignment));
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or ObjectDisposedException)
        {
            // A vanished notify socket must not take the agent down; the watchdog will notice if it matters.
            if (Interlocked.Increment(ref _failuresLogged) <= 3)
            {
                Log.NotifyFailed(_logger, assignment.Split('=')[0], ex.Message);
            }
        }
    }
}
