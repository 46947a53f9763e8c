using System.CommandLine;
using KafkaAgent.Coordination;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Cli;

/// <summary>
/// Hidden verb: takes the cluster lock in its own process and holds it until stdin closes, printing
/// "held PATH SESSION", then "released" (stdin closed) or "lost" (the session ended first). It lets the lock be
/// tested against real process faults (kill -9, SIGSTOP) and lets an operator hold the lock by hand during
/// maintenance (`kafka-agent lock-hold ... &lt; /dev/tty`).
/// </summary>
internal static class LockHoldCommand
{
    public const int NotAcquired = 1;
    public const int Lost = 4;

    public static Command Create()
    {
        var zookeeper = new Option<string>("--zookeeper") { Description = "host:port[,host:port][/chroot] of the ensemble.", Required = true };
        var brokerId = new Option<int>("--broker-id") { Description = "Broker the lock node names.", Required = true };
        var action = new Option<string>("--action") { Description = "Action the lock node names.", DefaultValueFactory = _ => "maintenance" };
        var sessionMs = new Option<int>("--session-timeout-ms") { Description = "ZooKeeper session timeout.", DefaultValueFactory = _ => 6000 };
        var waitSeconds = new Option<double>("--wait-seconds") { Description = "How long to wait for the lock.", DefaultValueFactory = _ => 60 };
        var command = new Command("lock-hold", "Take the cluster lock for disruptive actions and hold it until stdin closes.")
        {
            zookeeper,
            brokerId,
            action,
            sessionMs,
            waitSeconds,
        };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var client = await ZooKeeperClient.ConnectAsync(
                new ZooKeeperClientOptions
                {
                    ConnectionString = parse.GetValue(zookeeper)!,
                    SessionTimeout = TimeSpan.FromMilliseconds(parse.GetValue(sessionMs)),
                },
                cancellationToken);
            var owner = new LockOwner(Environment.MachineName, parse.GetValue(brokerId), parse.GetValue(action)!, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
            var lease = await new ClusterLock(client, TimeProvider.System, NullLogger.Instance)
                .AcquireAsync(owner, TimeSpan.FromSeconds(parse.GetValue(waitSeconds)), cancellationToken);
            if (lease is null)
            {
                await output.WriteLineAsync("timeout");
                return NotAcquired;
            }

            await output.WriteLineAsync($"held {lease.Path} 0x{lease.SessionId:x}");
            await output.FlushAsync(cancellationToken);
            using var stdin = Console.OpenStandardInput();
            var closed = stdin.CopyToAsync(Stream.Null, cancellationToken);
            var lost = Task.Delay(Timeout.Infinite, lease.Lost);
            if (await Task.WhenAny(closed, lost) == lost)
            {
                await output.WriteLineAsync("lost");
                return Lost;
            }

            await lease.ReleaseAsync(cancellationToken);
            await output.WriteLineAsync("released");
            return 0;
        });
        return command;
    }
}
