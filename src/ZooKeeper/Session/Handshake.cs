using KafkaAgent.ZooKeeper.Protocol;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>The session credentials a connection presents and the server confirms.</summary>
internal sealed record SessionIdentity(long SessionId, byte[] Password)
{
    /// <summary>A new session: id 0 and the 16 zero bytes the official clients send.</summary>
    public static SessionIdentity New { get; } = new(0, new byte[16]);
}

/// <summary>The outcome of a handshake: a live connection, or the server's word that the session is gone.</summary>
internal sealed record HandshakeResult(Connection? Connection, SessionIdentity? Identity, bool Expired);

/// <summary>
/// Opens a connection: ConnectRequest (protocol 0, last zxid seen, requested timeout, session id
/// and password), ConnectResponse (negotiated timeout, which is 0 for an expired session), then
/// SetWatches so watches survive the reconnect and the session's auth packets, before any queued request is written.
/// </summary>
internal static class Handshake
{
    /// <summary>The official clients keep each SetWatches frame near this size.</summary>
    private const int SetWatchesBatchBytes = 128 * 1024;

    public static async Task<HandshakeResult> OpenAsync(
        SessionContext session, HostEndpoint host, SessionIdentity identity, TimeSpan requestedTimeout, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(attemptTimeout, session.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var stream = await session.Connector(host, linked.Token);
        FrameReader? frames = null;
        try
        {
            using var writer = new JuteWriter(1024);
            new ConnectRequest(0, session.LastZxid, (int)requestedTimeout.TotalMilliseconds, identity.SessionId, identity.Password, ReadOnly: false).WriteFrame(writer);
            await stream.WriteAsync(writer.Written, linked.Token);

            frames = new FrameReader(stream, session.MaxFrameLength);
            var response = ReadResponse(await frames.ReadFrameAsync(linked.Token));
            if (response.TimeoutMs <= 0)
            {
                frames.Dispose();
                await stream.DisposeAsync();
                return new HandshakeResult(null, null, Expired: true);
            }

            await SendSetWatchesAsync(session, stream, writer, linked.Token);
            await SendAuthAsync(session, stream, writer, linked.Token);
            var connection = new Connection(session, host, stream, frames, TimeSpan.FromMilliseconds(response.TimeoutMs));
            return new HandshakeResult(connection, new SessionIdentity(response.SessionId, response.Password), Expired: false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            frames?.Dispose();
            await stream.DisposeAsync();
            throw new TimeoutException($"No session from {host} within {attemptTimeout.TotalMilliseconds:F0} ms");
        }
        catch
        {
            frames?.Dispose();
            await stream.DisposeAsync();
            throw;
        }
    }

    private static ConnectResponse ReadResponse(ReadOnlyMemory<byte> frame)
    {
        var reader = new JuteReader(frame.Span);
        return ConnectResponse.Read(ref reader);
    }

    // Written before any queued request: the server applies auth info as it reads the packet, so every request
    // after it on this connection runs with the identity.
    private static async Task SendAuthAsync(SessionContext session, Stream stream, JuteWriter writer, CancellationToken cancellationToken)
    {
        foreach (var auth in session.Auth)
        {
            writer.Reset();
            new AuthPacketRecord(auth.Scheme, auth.Data).WriteFrame(writer);
            await stream.WriteAsync(writer.Written, cancellationToken);
        }
    }

    private static async Task SendSetWatchesAsync(SessionContext session, Stream stream, JuteWriter writer, CancellationToken cancellationToken)
    {
        if (session.Watches.IsEmpty)
        {
            return;
        }

        var (data, exist, child) = session.Watches.Paths();
        var paths = session.Requests.Paths;
        foreach (var batch in Batch(session.LastZxid, paths, data, exist, child))
        {
            writer.Reset();
            batch.WriteFrame(writer);
            await stream.WriteAsync(writer.Written, cancellationToken);
        }
    }

    /// <summary>Splits the watched paths into SetWatches records of bounded size (a frame over jute.maxbuffer would be refused).</summary>
    internal static IEnumerable<SetWatchesRecord> Batch(long relativeZxid, ZooKeeperPath paths, List<string> data, List<string> exist, List<string> child)
    {
        var lists = new[] { data, exist, child };
        var current = new[] { new List<string>(), new List<string>(), new List<string>() };
        var size = 0;
        for (var kind = 0; kind < 3; kind++)
        {
            foreach (var path in lists[kind])
            {
                var serverPath = paths.ToServer(path);
                var cost = 4 + System.Text.Encoding.UTF8.GetByteCount(serverPath);
                if (size > 0 && size + cost > SetWatchesBatchBytes)
                {
                    yield return new SetWatchesRecord(relativeZxid, current[0], current[1], current[2]);
                    current = [[], [], []];
                    size = 0;
                }

                current[kind].Add(serverPath);
                size += cost;
            }
        }

        if (size > 0)
        {
            yield return new SetWatchesRecord(relativeZxid, current[0], current[1], current[2]);
        }
    }
}
