using System.Globalization;

namespace KafkaAgent.Bench.Zk;

/// <summary>Parses `zk [--reads N] [--latency-reads N] [--warmup N] [--rounds N]`.</summary>
internal static class ZkBenchArguments
{
    public static ZkBenchSettings Parse(string[] args)
    {
        var settings = new ZkBenchSettings();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i]} needs a positive whole number");
            settings = args[i] switch
            {
                "--reads" => settings with { ThroughputReads = value },
                "--latency-reads" => settings with { LatencyReads = value },
                "--warmup" => settings with { WarmupReads = value },
                "--rounds" => settings with { Rounds = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }
}
