using System.Text.Json;
using System.Text.Json.Serialization;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// sandbox.json: what `up` made, written before each step so `down` can undo it after a crash.
/// Processes are found through their pidfiles in each host's run/.
/// </summary>
internal sealed record SandboxState
{
    public int Version { get; init; } = 1;
    public required string Root { get; init; }
    public required string User { get; init; }
    public required string ZooKeeperConnect { get; init; }
    public string Chroot { get; init; } = string.Empty;
    public required IReadOnlyList<HostState> Hosts { get; init; }
    public List<string> Mounts { get; init; } = [];

    /// <summary>zookeeper.connect as the brokers have it (servers plus chroot).</summary>
    [JsonIgnore]
    public string BrokerZooKeeperConnect => ZooKeeperConnect + Chroot;

    [JsonIgnore]
    public SandboxLayout Layout => new(Root);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public void Save()
    {
        var path = Layout.StateFile;
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static SandboxState? Load(string root)
    {
        var path = new SandboxLayout(root).StateFile;
        return File.Exists(path) ? JsonSerializer.Deserialize<SandboxState>(File.ReadAllText(path), Json) : null;
    }

    public HostState HostById(int id) =>
        Hosts.FirstOrDefault(h => h.Id == id) ?? throw new ArgumentException($"no host {id} in the sandbox at {Root} (hosts: {string.Join(",", Hosts.Select(h => h.Id))})");
}

/// <summary>One broker host: a broker and the ZooKeeper member beside it.</summary>
internal sealed record HostState(int Id, string Dir, int BrokerPort, int ZooKeeperClientPort, int ZooKeeperQuorumPort, int ZooKeeperElectionPort, string LogDirMount)
{
    [JsonIgnore]
    public HostLayout Layout => new(Dir);
}
