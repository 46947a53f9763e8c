using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>The ZooKeeper this host runs and the ensemble the broker uses.</summary>
internal sealed class ZooKeeperOptions
{
    /// <summary>
    /// The local ZooKeeper's config (zoo.cfg format); default: the last argument of the running QuorumPeerMain, else
    /// the first of /usr/local/kafka/config, /opt/kafka/config, /etc/kafka that holds zookeeper.properties, else none.
    /// "none": this host runs no ZooKeeper.
    /// </summary>
    [ConfigurationKeyName("properties")]
    public string? Properties { get; set; }

    /// <summary>Overrides zookeeper.connect from server.properties (hosts and optional chroot).</summary>
    [ConfigurationKeyName("connect")]
    public string? Connect { get; set; }

    /// <summary>host:port of this host's ZooKeeper; default 127.0.0.1 and clientPort.</summary>
    [ConfigurationKeyName("local")]
    public string? Local { get; set; }

    /// <summary>
    /// username= and password= lines (readable by the agent's user only): the agent's sessions authenticate
    /// with digest auth, and the lock and host-report nodes it creates are changeable by that identity only.
    /// </summary>
    [ConfigurationKeyName("auth_file")]
    public string? AuthFile { get; set; }

    [ConfigurationKeyName("timeout_seconds")]
    public double TimeoutSeconds { get; set; } = 3;

    /// <summary>How this host's ZooKeeper is started and stopped.</summary>
    [ConfigurationKeyName("service")]
    public KafkaServiceOptions Service { get; set; } = new() { Name = "zookeeper", StopTimeoutSeconds = 30, CommandMatch = "QuorumPeerMain" };
}
