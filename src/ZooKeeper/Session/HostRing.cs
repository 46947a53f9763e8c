namespace KafkaAgent.ZooKeeper.Session;

/// <summary>
/// The servers in a shuffled order (so many clients spread over the ensemble), tried round-robin:
/// a failed or lost server moves the client to the next one.
/// </summary>
internal sealed class HostRing
{
    private readonly HostEndpoint[] _hosts;
    private int _next;

    public HostRing(IReadOnlyList<HostEndpoint> hosts, Random? random)
    {
        _hosts = [.. hosts];
        random?.Shuffle(_hosts);
    }

    public int Count => _hosts.Length;

    public HostEndpoint Next()
    {
        var host = _hosts[_next];
        _next = (_next + 1) % _hosts.Length;
        return host;
    }
}
