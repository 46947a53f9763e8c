using System.CommandLine;
using System.Globalization;
using KafkaAgent.Probes.Ownership;

namespace KafkaAgent.Cli;

/// <summary>
/// Hidden diagnostic verb: one full ownership scan of a directory, exactly as the ownership probe does it, with
/// its cost. Used by scripts/bench ownership; handy for an operator who wants the scan without the rest.
/// </summary>
internal static class ScanOwnershipCommand
{
    public static Command Create() => OwnershipVerb.Create(
        "scan-ownership",
        "Scan one directory for entries not owned by user:group (lstat, symlinks never followed).",
        "Log dir to scan.",
        "Expected",
        static (target, output) =>
        {
            var index = new LogDirIndex(new DirectoryScanner(target.Root, target.Uid, target.Gid, 5), 5);
            var cpuMs = index.FullScan(Math.Min(Environment.ProcessorCount, 4)).TotalMilliseconds;
            var result = index.Summarize();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"entries={result.EntriesScanned} wrong={result.WrongCount} foreign_symlinks={result.ForeignSymlinkCount} wall_ms={target.Wall.Elapsed.TotalMilliseconds:0.0} cpu_ms={cpuMs:0.0}"));
            foreach (var sample in result.WrongSamples)
            {
                output.WriteLine("  " + sample);
            }

            return result.Error is null ? 0 : 2;
        });
}
