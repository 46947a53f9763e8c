using KafkaAgent.Bench.Demo;
using KafkaAgent.Bench.Zk;

// kafka-agent-bench VERB: the ZooKeeper client benchmark (scripts/bench zk) and the first demo (scripts/demo).
// The check and ownership benchmarks time the kafka-agent binary itself from scripts/lib/bench-*.sh, not from here.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the TestBed's ensembles dispose (kill ZooKeeper, delete temp dirs) instead of dying mid-run.
    e.Cancel = true;
    cancel.Cancel();
};

var verb = args.Length > 0 ? args[0] : string.Empty;
try
{
    return verb switch
    {
        "zk" => await ZkBenchmark.RunAsync(ZkBenchArguments.Parse(args[1..]), cancel.Token),
        "demo" => await ZooKeeperDemo.RunAsync(cancel.Token),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("interrupted");
    return 130;
}
#pragma warning disable CA1031 // the top of a console tool: report any failure as one line and an exit code
catch (Exception e)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: kafka-agent-bench zk [--reads N] [--latency-reads N] [--warmup N] [--rounds N] | demo");
    return 2;
}
