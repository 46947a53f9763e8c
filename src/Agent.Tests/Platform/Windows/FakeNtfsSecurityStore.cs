using KafkaAgent.Platform.Windows;

namespace KafkaAgent.Tests.Platform.Windows;

/// <summary>NTFS security descriptors in memory, keyed by path; applies writes like the real store does.</summary>
internal sealed class FakeNtfsSecurityStore : INtfsSecurityStore
{
    public Dictionary<string, string> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, NtfsSecurity> Files { get; } = [];

    public List<string> Writes { get; } = [];

    public string ResolveSid(string account) =>
        Accounts.TryGetValue(account, out var sid) ? sid : throw new ArgumentException($"no Windows account named '{account}'");

    public NtfsSecurity Read(string path) => Files[path];

    /// <summary>Children by path prefix: what a directory listing would show.</summary>
    public IReadOnlyList<string> ListDirectory(string directory) =>
        Files.Keys.Where(p => p.StartsWith(directory + "\\", StringComparison.OrdinalIgnoreCase) && !p[(directory.Length + 1)..].Contains('\\', StringComparison.Ordinal)).ToList();

    public void Write(string path, string? ownerSid, NtfsAce? addAce)
    {
        Writes.Add(path);
        var current = Files[path];
        Files[path] = current with
        {
            OwnerSid = ownerSid ?? current.OwnerSid,
            Aces = addAce is null ? current.Aces : [.. current.Aces, addAce],
        };
    }
}
