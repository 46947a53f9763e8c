using KafkaAgent.Configuration.Discovery;
using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.Coordination;

/// <summary>How many members of the ensemble are down right now (for the mass-failure rule).</summary>
internal interface IEnsembleProbe
{
    Task<int> MembersDownAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Asks every member of zookeeper.connect for srvr at once, only when a disruptive action is about to be decided
/// (not every cycle). A member that does not answer, or answers that it is not serving, is down.
/// </summary>
internal sealed class SrvrEnsembleProbe(IReadOnlyList<HostPort> members, TimeSpan timeout) : IEnsembleProbe
{
    public async Task<int> MembersDownAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(members.Select(m => ServingAsync(m, cancellationToken)));
        return answers.Count(serving => !serving);
    }

    private async Task<bool> ServingAsync(HostPort member, CancellationToken cancellationToken)
    {
        try
        {
            await FourLetterWordClient.SrvrAsync(member.Host, member.Port, timeout, cancellationToken);
            return true;
        }
        catch (FourLetterWordException ex)
        {
            // A server that refuses srvr by whitelist answered: it is up (the session tells whether it serves).
            return ex.Kind == FourLetterWordErrorKind.NotWhitelisted;
        }
        catch (FormatException)
        {
            return true; // It answered, in a form we do not parse.
        }
    }
}
