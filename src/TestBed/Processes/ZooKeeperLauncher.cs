using System.Diagnostics;
using System.Globalization;

namespace KafkaAgent.TestBed.Processes;

/// <summary>Starts Debian's ZooKeeper server (QuorumPeerMain from /usr/share/java) for one config file.</summary>
public static class ZooKeeperLauncher
{
    private const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";

    // zookeeper.jar's manifest Class-Path brings its dependencies but no slf4j binding; these two
    // (Debian dependencies of libzookeeper-java) route the server's log to log4j.properties' file.
    private static readonly string[] LoggingJars = ["/usr/share/java/slf4j-log4j12.jar", "/usr/share/java/log4j-1.2.jar"];

    /// <summary>Starts the server as a child process (stdout/stderr appended to zookeeper.out in the server directory).</summary>
    public static Process Start(string serverDirectory, string configPath, int maxHeapMegabytes)
    {
        var java = CommandLine(serverDirectory, configPath, maxHeapMegabytes);

        // sh execs java (same pid) after pointing stdout/stderr at zookeeper.out: the JVM's own messages
        // are kept, and no pipe of the test host is held by a process that could outlive it.
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = serverDirectory,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >>zookeeper.out 2>&1");
        start.ArgumentList.Add("zookeeper");
        foreach (var argument in java)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start ZooKeeper for {configPath}");
        process.StandardInput.Close();
        return process;
    }

    /// <summary>
    /// The java command line (program first) that runs the server for one config; the sandbox writes it
    /// into its start scripts so servers outlive the process that laid them out.
    /// </summary>
    public static IReadOnlyList<string> CommandLine(string serverDirectory, string configPath, int maxHeapMegabytes)
    {
        if (!File.Exists(ZooKeeperJar))
        {
            throw new FileNotFoundException(
                $"{ZooKeeperJar} is missing: install Debian's zookeeper package (scripts/test does it)", ZooKeeperJar);
        }

        var classPath = string.Join(':', new[] { serverDirectory, ZooKeeperJar }.Concat(LoggingJars.Where(File.Exists)));
        string[] java =
        [
            FindJava(),
            "-Xms16m",
            string.Create(CultureInfo.InvariantCulture, $"-Xmx{maxHeapMegabytes}m"),
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            "-Djava.net.preferIPv4Stack=true",
            "-Dlog4j.configuration=file:" + Path.Combine(serverDirectory, "log4j.properties"),
            "-cp",
            classPath,
            "org.apache.zookeeper.server.quorum.QuorumPeerMain",
            configPath,
        ];
        return java;
    }

    private static string FindJava()
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrEmpty(javaHome) && File.Exists(Path.Combine(javaHome, "bin", "java")))
        {
            return Path.Combine(javaHome, "bin", "java");
        }

        return File.Exists("/usr/bin/java") ? "/usr/bin/java" : "java";
    }
}
