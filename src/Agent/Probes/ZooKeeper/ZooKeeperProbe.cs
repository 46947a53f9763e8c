using KafkaAgent.Configuration;
using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.Probes.ZooKeeper;

/// <summary>
/// The local ZooKeeper through srvr: answers, mode, version, serving. ZooKeeper 3.5+ adds srvr to every
/// 4lw.commands.whitelist (zkServer.sh status relies on it), and srvr says "not currently serving requests" without
/// quorum, so a stock install needs nothing else and no session is opened per cycle. Only a server that refuses srvr
/// by whitelist (one that is not stock ZooKeeper 3.5+) is up by definition and gets a session to say whether it serves.
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
            var srvr = await SrvrAsync(cancellationToken);
            return Facts(ZooKeeperReachability.Answered, true, srvr.ModeText.Trim(), true, srvr.Version,
                $"{srvr.NodeCount} znodes, {srvr.Connections} connections", StatsOf(srvr));
        }
        catch (FourLetterWordException ex)
        {
            switch (ex.Kind)
            {
                case FourLetterWordErrorKind.Refused:
                    return Facts(ZooKeeperReachability.Refused, false, null, true, null, "connection refused");
                case FourLetterWordErrorKind.Timeout:
                    return Facts(ZooKeeperReachability.NoAnswer, false, null, true, null, $"no answer to srvr within {settings.Timeout.TotalSeconds:0.#} s");
                case FourLetterWordErrorKind.NotServing or FourLetterWordErrorKind.Closed:
                    return Facts(ZooKeeperReachability.Answered, false, null, true, null, "This ZooKeeper instance is not currently serving requests");
                case FourLetterWordErrorKind.NotWhitelisted:
                    var (serving, detail) = await sessions.TryAsync(local.ToString(), settings.Timeout, cancellationToken);
                    return Facts(ZooKeeperReachability.Answered, serving, null, false, null, detail);
                default:
                    return Facts(ZooKeeperReachability.Error, false, null, true, null, ex.Message);
            }
        }
        catch (FormatException ex)
        {
            return Facts(ZooKeeperReachability.Error, false, null, true, null, ex.Message);
        }
    }

    // srvr has latency and outstanding requests; synced followers come only from mntr, which a stock 3.5+ refuses.
    private static ZooKeeperStats StatsOf(SrvrReply srvr) => new(srvr.LatencyAverage, srvr.LatencyMax, srvr.Outstanding, null, null);

    /// <summary>
    /// A server between roles (quorum just lost, election running) may accept and close without a word; it is
    /// up but not serving. One quick retry tells that apart from a one-off.
    /// </summary>
    private async Task<SrvrReply> SrvrAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await FourLetterWordClient.SrvrAsync(settings.Local.Host, settings.Local.Port, settings.Timeout, cancellationToken);
        }
        catch (FourLetterWordException ex) when (ex.Kind == FourLetterWordErrorKind.Closed)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            return await FourLetterWordClient.SrvrAsync(settings.Local.Host, settings.Local.Port, settings.Timeout, cancellationToken);
        }
    }
}
