namespace KafkaAgent.TestBed;

/// <summary>
/// The machine-wide folder the test bed coordinates through: port locks shared by every test process
/// (several engineers' suites may run at once) and the registry of running servers per test host.
/// </summary>
internal static class TestBedDirectories
{
    private const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "kafka-agent-testbed");

    public static string Ports => EnsureShared(Path.Combine(Root, "ports"));

    public static string Hosts => EnsureShared(Path.Combine(Root, "hosts"));

    // World-writable with the sticky bit, like /tmp, so root and ordinary users can share port locks.
    private static string EnsureShared(string path)
    {
        if (!Directory.Exists(path))
        {
            // The test bed runs Debian's ZooKeeper, so it only runs on Linux; the guard satisfies the analyzer.
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("the ZooKeeper test bed runs on Linux only");
            }

            Directory.CreateDirectory(Root, Shared);
            Directory.CreateDirectory(path, Shared);
        }

        return path;
    }
}
