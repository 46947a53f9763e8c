using System.Security.Cryptography;
using System.Text;

namespace KafkaAgent.ZooKeeper;

/// <summary>ZooDefs.Perms: what an ACL entry allows. Deleting a node needs <see cref="Delete"/> on its parent.</summary>
[Flags]
public enum ZooKeeperPermissions
{
    None = 0,
    Read = 1,
    Write = 2,
    Create = 4,
    Delete = 8,
    Admin = 16,
    All = Read | Write | Create | Delete | Admin,
}

/// <summary>One ACL entry: permissions for an identity (scheme and id), as jute's ACL record carries it.</summary>
public sealed record ZooKeeperAcl(ZooKeeperPermissions Permissions, string Scheme, string Id)
{
    /// <summary>Ids.OPEN_ACL_UNSAFE: anyone may do anything (what nodes get when no ACL is given).</summary>
    public static IReadOnlyList<ZooKeeperAcl> OpenUnsafe { get; } = [new(ZooKeeperPermissions.All, "world", "anyone")];

    /// <summary>world:anyone may read the node and list its children.</summary>
    public static ZooKeeperAcl WorldRead { get; } = new(ZooKeeperPermissions.Read, "world", "anyone");

    /// <summary>
    /// A digest identity: "user:" and the base64 of SHA-1 over "user:password", as the server's
    /// DigestAuthenticationProvider derives it from a session's addauth digest user:password.
    /// </summary>
    public static ZooKeeperAcl Digest(string user, string password, ZooKeeperPermissions permissions)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5350 // SHA-1 is what ZooKeeper's digest scheme is defined with; it is not our choice.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));
#pragma warning restore CA5350
        return new ZooKeeperAcl(permissions, "digest", $"{user}:{Convert.ToBase64String(hash)}");
    }
}

/// <summary>Credentials a session presents (addauth) right after it connects, and again after each reconnect.</summary>
public sealed record ZooKeeperAuth(string Scheme, ReadOnlyMemory<byte> Data)
{
    /// <summary>addauth digest user:password.</summary>
    public static ZooKeeperAuth Digest(string user, string password) => new("digest", Encoding.UTF8.GetBytes($"{user}:{password}"));

    // Never let the secret reach a log line through the record's generated ToString.
    public override string ToString() => $"ZooKeeperAuth {{ Scheme = {Scheme} }}";
}
