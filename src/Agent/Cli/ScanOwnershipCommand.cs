using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Probes.Ownership;

namespace KafkaAgent.Cli;

/// <summary>
/// Hidden diagnostic verb: one full ownership scan of a directory, exactly as the ownership probe does it, with
/// its cost. Used by scripts/bench ownership; handy for an operator who wants the scan without the rest.
/// </summary>
internal static class ScanOwnershipCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("directory") { Description = "Log dir to scan." };
        var user = new Option<string>("--user") { Description = "Expected owner (name or uid).", DefaultValueFactory = _ => "kafka" };
        var group = new Option<string>("--group") { Description = "Expected group (name or gid).", DefaultValueFactory = _ => "kafka" };
        var command = new Command("scan-ownership", "Scan one directory for entries not owned by user:group (lstat, symlinks never followed).")
        {
            directory,
            user,
            group,
        };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var uid = UserDatabase.FindUserId(parse.GetValue(user)!);
            var gid = UserDatabase.FindGroupId(parse.GetValue(group)!);
            if (uid is null || gid is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("kafka-agent: no such user or group");
                return 2;
            }

            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parse.GetValue(directory)!));
            var wall = Stopwatch.StartNew();
            var index = new LogDirIndex(new DirectoryScanner(root, uid.Value, gid.Value, 5), 5);
            var cpuMs = index.FullScan(Math.Min(Environment.ProcessorCount, 4)).TotalMilliseconds;
            var result = index.Summarize();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"entries={result.EntriesScanned} wrong={result.WrongCount} foreign_symlinks={result.ForeignSymlinkCount} wall_ms={wall.Elapsed.TotalMilliseconds:0.0} cpu_ms={cpuMs:0.0}"));
            foreach (var sample in result.WrongSamples)
            {
                output.WriteLine("  " + sample);
            }

            return result.Error is null ? 0 : 2;
        });
        return command;
    }
}
