using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KafkaAgent.TestBed.Ports;

/// <summary>
/// Hands out loopback ports that no other test (in this process or another) holds.
/// </summary>
/// <remarks>
/// Binding port 0 and closing it races: the kernel may hand the same ephemeral port to the next
/// caller or to an outgoing connection before ZooKeeper binds it. So ports are drawn at random from
/// below the kernel's ephemeral range (outgoing connections never take those), reserved with an
/// exclusive file lock that every test process honours (the lock dies with its process, so nothing
/// leaks), and checked free with a trial bind.
/// </remarks>
public static class PortAllocator
{
    private const int LowestPort = 20000;

    /// <summary>A free loopback port, reserved until the lease is disposed.</summary>
    public static PortLease Allocate()
    {
        var (low, high) = Range();
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            var lease = TryLock(port);
            if (lease is null)
            {
                continue;
            }

            if (CanBind(port))
            {
                return lease;
            }

            lease.Dispose();
        }

        throw new InvalidOperationException($"no free loopback port found in {low}-{high}");
    }

    private static PortLease? TryLock(int port)
    {
        var path = Path.Combine(TestBedDirectories.Ports, port.ToString(CultureInfo.InvariantCulture) + ".lock");
        try
        {
            var lockOptions = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Read, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Readable by all, so another user's test run can take the same lock.
                lockOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            }

            var stream = new FileStream(path, lockOptions);
            return new PortLease(port, stream);
        }
        catch (IOException)
        {
            return null; // held by another test
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool CanBind(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int Low, int High) Range()
    {
        var ephemeralLow = 32768;
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            ephemeralLow = int.Parse(fields[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            // Keep Linux's default.
        }

        return ephemeralLow - LowestPort >= 2000 ? (LowestPort, ephemeralLow) : (10000, 65000);
    }
}
