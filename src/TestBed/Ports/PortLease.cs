namespace KafkaAgent.TestBed.Ports;

/// <summary>A loopback port reserved for this process until disposed (an exclusive lock on a per-port file).</summary>
public sealed class PortLease(int port, FileStream lockFile) : IDisposable
{
    public int Port { get; } = port;

    public void Dispose() => lockFile.Dispose();
}
