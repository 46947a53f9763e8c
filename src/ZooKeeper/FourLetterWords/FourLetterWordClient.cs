using System.Net.Sockets;
using System.Text;

namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>
/// ZooKeeper's four-letter words ("ruok", "srvr", "mntr", "isro", "conf", ...): one TCP connection per
/// word, the server writes its answer and closes. Bounded in time and size, and failures are classified
/// (<see cref="FourLetterWordErrorKind"/>) because "refused", "accepts but never answers" and
/// "not whitelisted" lead a probe to very different conclusions.
/// </summary>
public static partial class FourLetterWordClient
{
    /// <summary>The default bound on an answer; mntr on 3.8 is about 20 KB, cons/wchc grow with clients.</summary>
    public const int DefaultMaxReplyBytes = 1024 * 1024;

    /// <summary>Sends <paramref name="command"/> and reads until the server closes; see the overload.</summary>
    public static Task<FourLetterWordReply> SendAsync(string host, int port, string command, TimeSpan timeout, CancellationToken ct = default) =>
        SendAsync(host, port, command, timeout, DefaultMaxReplyBytes, ct);

    /// <summary>
    /// Sends <paramref name="command"/> to <paramref name="host"/>:<paramref name="port"/> and returns
    /// everything the server writes before it closes the connection.
    /// </summary>
    /// <exception cref="FourLetterWordException">Refused, Timeout (covers connect and read), Closed, TooLarge, Unreachable.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static async Task<FourLetterWordReply> SendAsync(
        string host, int port, string command, TimeSpan timeout, int maxReplyBytes, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplyBytes, 1);
        ValidateCommand(command);

        var endpoint = $"{host}:{port}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            // The parameterless TcpClient picks the socket family per resolved address (IPv4-only hosts too).
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(host, port, deadline.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command), deadline.Token);
            var text = await ReadToEndAsync(stream, maxReplyBytes, endpoint, command, deadline.Token);
            return FourLetterWordReply.From(command, text);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new FourLetterWordException(FourLetterWordErrorKind.Timeout, endpoint, command, $"no complete answer within {timeout}", e);
        }
        catch (SocketException e)
        {
            throw Classify(e, endpoint, command);
        }
        catch (IOException e) when (e.InnerException is SocketException socketError)
        {
            throw Classify(socketError, endpoint, command);
        }
    }

    private static async Task<string> ReadToEndAsync(
        NetworkStream stream, int maxReplyBytes, string endpoint, string command, CancellationToken ct)
    {
        // One byte past the bound tells "exactly at the limit" from "over it" without buffering more.
        var buffer = new byte[Math.Min(maxReplyBytes + 1, 64 * 1024)];
        using var reply = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (reply.Length + read > maxReplyBytes)
            {
                throw new FourLetterWordException(FourLetterWordErrorKind.TooLarge, endpoint, command, $"answer exceeds {maxReplyBytes} bytes");
            }

            reply.Write(buffer, 0, read);
        }

        if (reply.Length == 0)
        {
            // ZooKeeper closes silently on a word it does not know, or while shutting down.
            throw new FourLetterWordException(FourLetterWordErrorKind.Closed, endpoint, command, "the server closed the connection without an answer");
        }

        return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length);
    }

    private static FourLetterWordException Classify(SocketException error, string endpoint, string command)
    {
        var kind = error.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => FourLetterWordErrorKind.Refused,
            SocketError.TimedOut => FourLetterWordErrorKind.Timeout,
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.Disconnecting
                => FourLetterWordErrorKind.Closed,
            _ => FourLetterWordErrorKind.Unreachable,
        };
        return new FourLetterWordException(kind, endpoint, command, error.Message, error);
    }

    private static void ValidateCommand(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length != 4 || !command.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException($"a four-letter word is four lower-case ASCII letters, not '{command}'", nameof(command));
        }
    }
}
