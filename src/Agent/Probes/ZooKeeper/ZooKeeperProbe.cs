using KafkaAgent.Configuration;
using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.Probes.ZooKeeper;

/// <summary>
/// The local ZooKeeper through mntr: answers, state, serving. ZooKeeper 3.5+ only whitelists srvr by default, so
/// when mntr is refused by 4lw.commands.whitelist the server is up by definition: a real session says whether
/// it serves, and srvr (always allowed, zkServer.sh relies on it) still gives the mode.
/// </summary>
internal sealed class ZooKeeperProbe(ZooKeeperSettings settings, IZooKeeperSessionCheck sessions) : IProbe<ZooKeeperFacts>
{
    public async Task<ZooKeeperFacts> ProbeAsync(CancellationToken cancellationToken)
    {
        var local = settings.Local;
        var ensemble = settings.LocalServer?.Ensemble.Count ?? 0;
        ZooKeeperFacts Facts(ZooKeeperReachability reach, bool serving, string? mode, bool whitelisted, string? version, string? detail, ZooKeeperStats? stats = null) =>
            new(local.ToString(), reach, serving, mode, whitelisted, ensemble, version, detail, stats);

        try
        {
            var mntr = await MntrAsync(cancellationToken);
            var mode = mntr.Values.GetValueOrDefault("zk_server_state");
            return Facts(ZooKeeperReachability.Answered, true, mode, true, mntr.Version, $"{mntr.ZnodeCount} znodes, {mntr.AliveConnections} connections", StatsOf(mntr));
        }
        catch (FourLetterWordException ex)
        {
            switch (ex.Kind)
            {
                case FourLetterWordErrorKind.Refused:
                    return Facts(ZooKeeperReachability.Refused, false, null, true, null, "connection refused");
                case FourLetterWordErrorKind.Timeout:
                    return Facts(ZooKeeperReachability.NoAnswer, false, null, true, null, $"no answer to mntr within {settings.Timeout.TotalSeconds:0.#} s");
                case FourLetterWordErrorKind.NotServing or FourLetterWordErrorKind.Closed:
                    return Facts(ZooKeeperReachability.Answered, false, null, true, null, "This ZooKeeper instance is not currently serving requests");
                case FourLetterWordErrorKind.NotWhitelisted:
                    var (serving, detail) = await sessions.TryAsync(local.ToString(), settings.Timeout, cancellationToken);
                    var srvr = await TrySrvrAsync(cancellationToken);
                    return Facts(ZooKeeperReachability.Answered, serving, srvr?.ModeText.Trim(), false, srvr?.Version, detail, StatsOf(srvr));
                default:
                    return Facts(ZooKeeperReachability.Error, false, null, true, null, ex.Message);
            }
        }
        catch (FormatException ex)
        {
            return Facts(ZooKeeperReachability.Error, false, null, true, null, ex.Message);
        }
    }

    private static ZooKeeperStats StatsOf(MntrReply mntr) =>
        new(mntr.AverageLatency ?? 0, mntr.MaxLatency ?? 0, mntr.OutstandingRequests ?? 0, mntr.SyncedFollowers, mntr.Followers);

    private static ZooKeeperStats? StatsOf(SrvrReply? srvr) =>
        srvr is null ? null : new(srvr.LatencyAverage, srvr.LatencyMax, srvr.Outstanding, null, null);

    /// <summary>
    /// A server between roles (quorum just lost, election running) may accept and close without a word; it is
    /// up but not serving. One quick retry tells that apart from a one-off.
    /// </summary>
    private async Task<MntrReply> MntrAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await FourLetterWordClient.MntrAsync(settings.Local.Host, settings.Local.Port, settings.Timeout, cancellationToken);
        }
        catch (FourLetterWordException ex) when (ex.Kind == FourLetterWordErrorKind.Closed)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            return await FourLetterWordClient.MntrAsync(settings.Local.Host, settings.Local.Port, settings.Timeout, cancellationToken);
        }
    }

    private async Task<SrvrReply?> TrySrvrAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await FourLetterWordClient.SrvrAsync(settings.Local.Host, settings.Local.Port, settings.Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is FourLetterWordException or FormatException)
        {
            return null;
        }
    }
}
