using System.CommandLine;
using System.Diagnostics;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Cli;

/// <summary>The directory and owner a hidden ownership verb works on, and a clock started just before the work.</summary>
internal sealed record OwnershipTarget(string Root, uint Uid, uint Gid, Stopwatch Wall);

/// <summary>
/// The frame the hidden ownership verbs share (scan-ownership, fix-ownership): a directory argument, --user and
/// --group (default kafka), names resolved to ids, one result line on stdout. Each verb supplies only its work.
/// </summary>
internal static class OwnershipVerb
{
    /// <param name="work">Does the verb's work and writes its lines; returns the exit code.</param>
    public static Command Create(string name, string description, string directoryDescription, string ownerRole, Func<OwnershipTarget, TextWriter, int> work)
    {
        var directory = new Argument<string>("directory") { Description = directoryDescription };
        var user = new Option<string>("--user") { Description = $"{ownerRole} owner (name or uid).", DefaultValueFactory = _ => "kafka" };
        var group = new Option<string>("--group") { Description = $"{ownerRole} group (name or gid).", DefaultValueFactory = _ => "kafka" };
        var command = new Command(name, description) { directory, user, group };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var uid = UserDatabase.FindUserId(parse.GetValue(user)!);
            var gid = UserDatabase.FindGroupId(parse.GetValue(group)!);
            if (uid is null || gid is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("kafka-agent: no such user or group");
                return 2;
            }

            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parse.GetValue(directory)!));
            return work(new OwnershipTarget(root, uid.Value, gid.Value, Stopwatch.StartNew()), parse.InvocationConfiguration.Output);
        });
        return command;
    }
}
