using KafkaAgent.ZooKeeper.Session;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.ZooKeeper;

/// <summary>How a <see cref="ZooKeeperClient"/> connects and how long it waits.</summary>
public sealed record ZooKeeperClientOptions
{
    /// <summary>jute.maxbuffer's default: the server refuses request frames longer than this.</summary>
    public const int DefaultMaxPacketLength = 0xfffff;

    /// <summary>"host1:2181,host2:2182/chroot": servers (bracket IPv6 addresses; port defaults to 2181) and an optional chroot.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Requested session timeout; the server clamps it to 2..20 ticks (see <see cref="ZooKeeperClient.NegotiatedSessionTimeout"/>).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(18);

    /// <summary><see cref="ZooKeeperClient.ConnectAsync"/> gives up (ConnectionLoss) when no server gave a session within this.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one operation's caller waits, from the call (including time queued while reconnecting) to the reply.
    /// An unsent request then fails with ConnectionLoss, a sent one with RequestTimeout.
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits until the reply or the connection's loss.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// True: while disconnected, once every server of the connection string has failed an attempt in a row (refused,
    /// unreachable), the queued requests fail with ConnectionLoss at once instead of waiting out
    /// <see cref="RequestTimeout"/>, as the official Java client fails its queue after a failed connect. For a caller
    /// that looks and reports (a health probe) rather than one that must get its write through.
    /// </summary>
    public bool FailQueuedWhenUnreachable { get; init; }

    /// <summary>0 for a new session; otherwise the session to resume (with <see cref="SessionPassword"/>).</summary>
    public long SessionId { get; init; }

    /// <summary>The password of the session in <see cref="SessionId"/>.</summary>
    public ReadOnlyMemory<byte> SessionPassword { get; init; }

    /// <summary>
    /// Credentials the session presents (addauth) on every connection, before any request: at session start and
    /// after each reconnect, as the official clients replay their auth info.
    /// </summary>
    public IReadOnlyList<ZooKeeperAuth> Auth { get; init; } = [];

    /// <summary>The ACL of every node this client creates (create and multi); null: world:anyone, all permissions.</summary>
    public IReadOnlyList<ZooKeeperAcl>? CreateAcl { get; init; }

    /// <summary>The clock for every timer of the client (pings, timeouts, back-off).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the client logs connection and session events; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// The server's jute.maxbuffer (default 0xfffff, 1 MiB - 1). Requests whose frame exceeds it fail
    /// locally (MarshallingError) instead of being sent, because the server would drop the connection.
    /// Reply frames may exceed it by 1024 bytes of headers (the server's own allowance); a longer
    /// reply is treated as a protocol error.
    /// </summary>
    public int MaxPacketLength { get; init; } = DefaultMaxPacketLength;

    /// <summary>Test seam: opens the stream to a server (default: TCP).</summary>
    internal Connector? Connector { get; init; }

    /// <summary>Test seam: false keeps the servers in connection-string order (the first one is tried first).</summary>
    internal bool ShuffleHosts { get; init; } = true;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        if (SessionTimeout <= TimeSpan.Zero || SessionTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(SessionTimeout), SessionTimeout, "SessionTimeout must be positive");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "ConnectTimeout must be positive");
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be positive or infinite");
        }

        if (MaxPacketLength < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPacketLength), MaxPacketLength, "MaxPacketLength must be at least 1024");
        }

        if (CreateAcl is { Count: 0 })
        {
            throw new ArgumentException("CreateAcl must hold at least one entry (the server refuses an empty ACL)", nameof(CreateAcl));
        }

        if (SessionId != 0 && SessionPassword.IsEmpty)
        {
            throw new ArgumentException("Resuming a session (SessionId set) needs its SessionPassword", nameof(SessionPassword));
        }
    }
}
