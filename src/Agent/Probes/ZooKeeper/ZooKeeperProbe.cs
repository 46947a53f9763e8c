using KafkaAgent.Configuration;
using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.Probes.ZooKeeper;

/// <summary>
/// The local ZooKeeper through srvr: answers, mode, serving. When srvr is not whitelisted (4lw.commands.whitelist),
/// the server is up by definition; a real session then says whether it serves.
/// </summary>
internal sealed class ZooKeeperProbe(ZooKeeperSettings settings, IZooKeeperSessionCheck sessions) : IProbe<ZooKeeperFacts>
{
    public async Task<ZooKeeperFacts> ProbeAsync(CancellationToken cancellationToken)
    {
        var local = settings.Local;
        var ensemble = settings.LocalServer?.Ensemble.Count ?? 0;
        ZooKeeperFacts Facts(ZooKeeperReachability reach, bool serving, string? mode, bool whitelisted, string? version, string? detail) =>
            new(local.ToString(), reach, serving, mode, whitelisted, ensemble, version, detail);

        try
        {
            var srvr = await FourLetterWordClient.SrvrAsync(local.Host, local.Port, settings.Timeout, cancellationToken);
            return Facts(ZooKeeperReachability.Answered, true, srvr.ModeText.Trim(), true, srvr.Version, $"zxid 0x{srvr.Zxid:x}, {srvr.NodeCount} znodes");
        }
        catch (FourLetterWordException ex)
        {
            switch (ex.Kind)
            {
                case FourLetterWordErrorKind.Refused:
                    return Facts(ZooKeeperReachability.Refused, false, null, true, null, "connection refused");
                case FourLetterWordErrorKind.Timeout:
                    return Facts(ZooKeeperReachability.NoAnswer, false, null, true, null, $"no answer to srvr within {settings.Timeout.TotalSeconds:0.#} s");
                case FourLetterWordErrorKind.NotServing:
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
}
