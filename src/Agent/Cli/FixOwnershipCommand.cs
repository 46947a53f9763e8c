using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Cli;

/// <summary>
/// Hidden diagnostic verb: the ownership fix (the remediation's own code) on one directory, with its cost. Used by
/// scripts/bench chown; an operator may use it as a chown -R -P that never follows a symlink swapped in mid-walk.
/// </summary>
internal static class FixOwnershipCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("directory") { Description = "Directory to give to user:group, itself included." };
        var user = new Option<string>("--user") { Description = "New owner (name or uid).", DefaultValueFactory = _ => "kafka" };
        var group = new Option<string>("--group") { Description = "New group (name or gid).", DefaultValueFactory = _ => "kafka" };
        var command = new Command("fix-ownership", "lchown everything under a directory not owned by user:group (directory handles, symlinks never followed).")
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
            var result = new LinuxOwnershipFixer().Fix(root, uid.Value, gid.Value, CancellationToken.None);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"changed={result.Changed} failed={result.Failed} skipped_symlinks={result.SkippedSymlinks} wall_ms={wall.Elapsed.TotalMilliseconds:0.0}"));
            foreach (var error in result.Errors)
            {
                output.WriteLine("  " + error);
            }

            return result.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
