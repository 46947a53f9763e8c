using KafkaAgent.Configuration;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>
/// The one place that decides who may change the agent's own znodes (the cluster lock and its queue, host reports).
/// With zookeeper.auth_file set, a session that creates them authenticates as the digest identity of that file,
/// and what it creates carries digest:user:hash with every permission plus world:anyone read: operators and
/// dashboards can still read the lock and the reports, only agents can take, change or delete them (deleting a
/// child needs Delete on its parent, so the parents carry the same ACL). Without the file, nodes stay open as before.
/// </summary>
internal static class AgentZNodeAcl
{
    /// <summary>Options for a session that creates the agent's nodes; unchanged when <paramref name="auth"/> is null.</summary>
    public static ZooKeeperClientOptions Apply(ZooKeeperClientOptions options, Credentials? auth) =>
        auth is null
            ? options
            : options with { Auth = [ZooKeeperAuth.Digest(auth.Username, auth.Password)], CreateAcl = For(auth) };

    public static IReadOnlyList<ZooKeeperAcl> For(Credentials auth) =>
        [ZooKeeperAcl.Digest(auth.Username, auth.Password, ZooKeeperPermissions.All), ZooKeeperAcl.WorldRead];
}
