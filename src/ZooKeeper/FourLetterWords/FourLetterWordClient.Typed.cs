namespace KafkaAgent.ZooKeeper.FourLetterWords;

public static partial class FourLetterWordClient
{
    /// <summary>ruok. Throws <see cref="FourLetterWordException"/> (NotWhitelisted too) when there is no usable answer.</summary>
    public static Task<RuokReply> RuokAsync(string host, int port, TimeSpan timeout, CancellationToken ct = default) =>
        SendParsedAsync(host, port, "ruok", timeout, RuokReply.Parse, ct);

    /// <summary>srvr (whitelisted by default). Throws NotServing when the server has no quorum.</summary>
    public static Task<SrvrReply> SrvrAsync(string host, int port, TimeSpan timeout, CancellationToken ct = default) =>
        SendParsedAsync(host, port, "srvr", timeout, SrvrReply.Parse, ct);

    /// <summary>mntr. Throws NotWhitelisted or NotServing as applicable.</summary>
    public static Task<MntrReply> MntrAsync(string host, int port, TimeSpan timeout, CancellationToken ct = default) =>
        SendParsedAsync(host, port, "mntr", timeout, MntrReply.Parse, ct);

    /// <summary>isro.</summary>
    public static Task<IsroReply> IsroAsync(string host, int port, TimeSpan timeout, CancellationToken ct = default) =>
        SendParsedAsync(host, port, "isro", timeout, IsroReply.Parse, ct);

    /// <summary>conf.</summary>
    public static Task<ConfReply> ConfAsync(string host, int port, TimeSpan timeout, CancellationToken ct = default) =>
        SendParsedAsync(host, port, "conf", timeout, ConfReply.Parse, ct);

    private static async Task<T> SendParsedAsync<T>(
        string host, int port, string command, TimeSpan timeout, Func<string, T> parse, CancellationToken ct)
    {
        var reply = await SendAsync(host, port, command, timeout, ct);
        var endpoint = $"{host}:{port}";
        if (reply.NotWhitelisted)
        {
            throw new FourLetterWordException(FourLetterWordErrorKind.NotWhitelisted, endpoint, command,
                "not in the server's 4lw.commands.whitelist; the server is up, use a session instead");
        }

        if (reply.NotServing)
        {
            throw new FourLetterWordException(FourLetterWordErrorKind.NotServing, endpoint, command, reply.Text.Trim());
        }

        try
        {
            return parse(reply.Text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{command} on {endpoint}: {e.Message}", e);
        }
    }
}
