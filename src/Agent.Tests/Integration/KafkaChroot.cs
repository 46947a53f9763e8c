using System.Text;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// A chroot of the test's own ("/kafka-xxxxxxxx") in a real ZooKeeper, and a client outside it that writes Kafka's
/// znodes under it; <see cref="Connect"/> is what a broker's zookeeper.connect would name.
/// </summary>
internal sealed class KafkaChroot : IAsyncDisposable
{
    private readonly string _connect;

    private KafkaChroot(string connect, string path, ZooKeeperClient client)
    {
        _connect = connect;
        Path = path;
        Client = client;
    }

    public string Path { get; }

    public ZooKeeperClient Client { get; }

    /// <summary>The server's connection string with the chroot appended.</summary>
    public string Connect => _connect + Path;

    /// <summary>Creates the chroot and then, empty and in order, each of <paramref name="paths"/> under it.</summary>
    public static async Task<KafkaChroot> CreateAsync(string connect, params string[] paths)
    {
        var chroot = new KafkaChroot(connect, "/kafka-" + Guid.NewGuid().ToString("N")[..8],
            await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = connect }));
        foreach (var path in paths.Prepend(""))
        {
            await chroot.CreateAsync(path, "");
        }

        return chroot;
    }

    public Task<string> CreateAsync(string path, string data, CreateMode mode = CreateMode.Persistent) =>
        Client.CreateAsync(Path + path, Encoding.UTF8.GetBytes(data), mode);

    public Task DeleteAsync(string path) => Client.DeleteAsync(Path + path);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
