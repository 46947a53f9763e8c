using System.Globalization;
using System.Text;

namespace KafkaAgent.TestBed;

/// <summary>Writes the files one server needs: zoo.cfg, its standalone twin, log4j.properties and myid.</summary>
/// <remarks>Public for the sandbox, which lays servers out in its own directories with ports it chose.</remarks>
public static class ZooKeeperConfigWriter
{
    public const string EnsembleConfigName = "zoo.cfg";
    public const string StandaloneConfigName = "zoo-standalone.cfg";

    /// <summary>Writes zoo.cfg (with server.N lines when there are several members), zoo-standalone.cfg, log4j.properties and data/myid.</summary>
    public static void Write(string serverDirectory, ServerPorts self, IReadOnlyList<ServerPorts> members, ZooKeeperServerOptions options)
    {
        var dataDirectory = Path.Combine(serverDirectory, "data");
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(dataDirectory, "myid"), self.Id.ToString(CultureInfo.InvariantCulture) + "\n");

        var common = Common(dataDirectory, self, options);
        var ensemble = new StringBuilder(common);
        if (members.Count > 1)
        {
            foreach (var member in members)
            {
                ensemble.Append(CultureInfo.InvariantCulture,
                    $"server.{member.Id}=127.0.0.1:{member.QuorumPort}:{member.ElectionPort}\n");
            }
        }

        File.WriteAllText(Path.Combine(serverDirectory, EnsembleConfigName), ensemble.ToString());
        // The runbook's "only a single broker-id" fault: the same data and port, but no server.N lines.
        File.WriteAllText(Path.Combine(serverDirectory, StandaloneConfigName), common);
        File.WriteAllText(Path.Combine(serverDirectory, "log4j.properties"), Log4jProperties(serverDirectory));
    }

    private static string Common(string dataDirectory, ServerPorts self, ZooKeeperServerOptions options)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"tickTime={options.TickTimeMs}\n")
            .Append("initLimit=10\nsyncLimit=5\n")
            .Append(CultureInfo.InvariantCulture, $"dataDir={dataDirectory}\n")
            .Append(CultureInfo.InvariantCulture, $"clientPort={self.ClientPort}\n")
            .Append("clientPortAddress=127.0.0.1\n")
            .Append("admin.enableServer=false\n")
            // Tests need no 64 MB preallocated transaction logs nor an fsync per write on a shared disk.
            .Append("preAllocSize=1024\nforceSync=no\n")
            .Append("maxClientCnxns=0\n");
        if (options.FourLetterWordWhitelist is { } whitelist)
        {
            text.Append(CultureInfo.InvariantCulture, $"4lw.commands.whitelist={whitelist}\n");
        }
        else if (options.WhitelistFourLetterWords)
        {
            text.Append("4lw.commands.whitelist=*\n");
        }

        return text.ToString();
    }

    // The jar's manifest brings slf4j-api but no binding; the server command line adds slf4j-log4j12 and
    // log4j 1.2 (both Debian dependencies of libzookeeper-java) so the log lands in this file, not on stdout.
    private static string Log4jProperties(string serverDirectory) =>
        "log4j.rootLogger=INFO, FILE\n" +
        "log4j.appender.FILE=org.apache.log4j.FileAppender\n" +
        $"log4j.appender.FILE.File={Path.Combine(serverDirectory, "zookeeper.log")}\n" +
        "log4j.appender.FILE.Append=true\n" +
        "log4j.appender.FILE.layout=org.apache.log4j.PatternLayout\n" +
        "log4j.appender.FILE.layout.ConversionPattern=%d{ISO8601} %-5p [%t:%C{1}@%L] - %m%n\n";
}
