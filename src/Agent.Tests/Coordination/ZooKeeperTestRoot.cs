using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Tests.Coordination;

/// <summary>A fresh chroot per test on a shared server, and clients under it with short, test-sized timeouts.</summary>
internal static class ZooKeeperTestRoot
{
    public static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates "/&lt;name&gt;-&lt;guid&gt;" and returns it.</summary>
    public static async Task<string> CreateAsync(string connect, string name)
    {
        var chroot = $"/{name}-{Guid.NewGuid():N}";
        await using var root = await ConnectAsync(connect);
        await root.CreateAsync(chroot, ReadOnlyMemory<byte>.Empty);
        return chroot;
    }

    public static Task<ZooKeeperClient> ConnectAsync(string connect, int sessionTimeoutMs = 4000) =>
        ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectionString = connect,
            SessionTimeout = TimeSpan.FromMilliseconds(sessionTimeoutMs),
            ConnectTimeout = TimeSpan.FromSeconds(20),
            RequestTimeout = TimeSpan.FromSeconds(20),
        });

    /// <summary>Waits until the client reports <paramref name="state"/>.</summary>
    public static async Task WaitForStateAsync(ZooKeeperClient client, ZooKeeperState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, ZooKeeperState changed)
        {
            if (changed == state)
            {
                reached.TrySetResult();
            }
        }

        client.StateChanged += OnChanged;
        try
        {
            if (client.State != state)
            {
                await reached.Task.WaitAsync(EventTimeout);
            }
        }
        finally
        {
            client.StateChanged -= OnChanged;
        }
    }

    /// <summary>Ends a session on the server the way an expiry does for its owner: another client resumes and closes it.</summary>
    public static async Task ExpireAsync(string connect, ZooKeeperClient victim)
    {
        await (await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectionString = connect,
            SessionId = victim.SessionId,
            SessionPassword = victim.SessionPassword,
        })).DisposeAsync();
        await WaitForStateAsync(victim, ZooKeeperState.Expired);
    }
}
