using System.CommandLine;
using System.Globalization;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Cli;

/// <summary>
/// Hidden diagnostic verb: the ownership fix (the remediation's own code) on one directory, with its cost. Used by
/// scripts/bench chown; an operator may use it as a chown -R -P that never follows a symlink swapped in mid-walk.
/// </summary>
internal static class FixOwnershipCommand
{
    public static Command Create() => OwnershipVerb.Create(
        "fix-ownership",
        "lchown everything under a directory not owned by user:group (directory handles, symlinks never followed).",
        "Directory to give to user:group, itself included.",
        "New",
        static (target, output) =>
        {
            var result = new LinuxOwnershipFixer().Fix(target.Root, target.Uid, target.Gid, CancellationToken.None);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"changed={result.Changed} failed={result.Failed} skipped_symlinks={result.SkippedSymlinks} wall_ms={target.Wall.Elapsed.TotalMilliseconds:0.0}"));
            foreach (var error in result.Errors)
            {
                output.WriteLine("  " + error);
            }

            return result.Failed == 0 ? 0 : 1;
        });
}
