using System.Diagnostics;
using System.Globalization;

namespace KafkaAgent.TestBed.Processes;

/// <summary>
/// Makes sure no ZooKeeper outlives the test host that started it.
/// </summary>
/// <remarks>
/// Three layers, because a test host can end in three ways:
/// <list type="number">
/// <item>Normal end: fixtures dispose their ensembles (SIGKILL, delete temp dirs); a ProcessExit hook
/// catches ensembles nobody disposed.</item>
/// <item>The host is killed (SIGKILL, crash, a CI timeout): each host runs one tiny shell watchdog
/// (its child, so it survives the host by being re-parented) that polls the host's pid once a second
/// and, once it is gone, kills the servers recorded in the host's registry folder and deletes its
/// temp dirs.</item>
/// <item>The watchdog died too (e.g. the whole process group was killed): the next test host to start
/// a server sweeps every registry folder whose owner (pid + start time) no longer runs.</item>
/// </list>
/// The registry folder is hosts/PID-STARTTIME/ holding pid-N files (content: the config path, which
/// must appear as an argument of process N before it is killed, so a recycled pid is never hit) and
/// dir-N files (content: a temp dir to delete).
/// </remarks>
internal static class ProcessRegistry
{
    private const string WatchdogScript = """
        exec </dev/null >/dev/null 2>&1
        host=$1 dir=$2
        while kill -0 "$host"; do sleep 1; done
        for f in "$dir"/pid-*; do
          [ -f "$f" ] || continue
          pid=${f##*/pid-}
          if tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$(cat "$f")"; then kill -KILL "$pid"; fi
        done
        for f in "$dir"/dir-*; do
          [ -f "$f" ] || continue
          d=$(cat "$f")
          if [ -d "$d" ] && [ ! -L "$d" ]; then rm -rf -- "$d"; fi
        done
        rm -rf -- "$dir"
        """;

    private static readonly Lazy<string> HostDirectory = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _counter;

    public static void RegisterProcess(int pid, string marker) =>
        File.WriteAllText(Path.Combine(HostDirectory.Value, "pid-" + pid.ToString(CultureInfo.InvariantCulture)), marker);

    public static void UnregisterProcess(int pid) =>
        File.Delete(Path.Combine(HostDirectory.Value, "pid-" + pid.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Records a temp dir to delete if the host dies; returns the token for <see cref="UnregisterDirectory"/>.</summary>
    public static string RegisterDirectory(string path)
    {
        var token = Path.Combine(HostDirectory.Value, "dir-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(token, path);
        return token;
    }

    public static void UnregisterDirectory(string token) => File.Delete(token);

    private static string Initialise()
    {
        SweepAbandoned();
        var directory = Path.Combine(TestBedDirectories.Hosts, ProcessIdentity.Current.ToString());
        Directory.CreateDirectory(directory);
        StartWatchdog(Environment.ProcessId, directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanUp(directory);
        return directory;
    }

    internal static void SweepAbandoned()
    {
        foreach (var directory in Directory.EnumerateDirectories(TestBedDirectories.Hosts))
        {
            var owner = ProcessIdentity.Parse(Path.GetFileName(directory));
            if (owner is { } identity && !identity.IsAlive && !IsLink(directory))
            {
                CleanUp(directory);
            }
        }
    }

    private static void CleanUp(string directory)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, "pid-*"))
            {
                if (int.TryParse(Path.GetFileName(file)["pid-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && ProcessIdentity.HasArgument(pid, File.ReadAllText(file)))
                {
                    Signals.Send(pid, Signals.Kill);
                }
            }

            foreach (var file in Directory.EnumerateFiles(directory, "dir-*"))
            {
                var path = File.ReadAllText(file);
                if (Directory.Exists(path) && !IsLink(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }

            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Best effort: another user's leftovers, or a racing sweeper.
        }
    }

    private static bool IsLink(string path) => new DirectoryInfo(path).LinkTarget is not null;

    /// <summary>Starts the shell watchdog that cleans <paramref name="directory"/> up once <paramref name="hostPid"/> is gone.</summary>
    internal static void StartWatchdog(int hostPid, string directory)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", WatchdogScript, "kafka-agent-testbed-watchdog", hostPid.ToString(CultureInfo.InvariantCulture), directory })
        {
            start.ArgumentList.Add(argument);
        }

        // Our own stdin would otherwise be shared with a process that outlives us.
        start.RedirectStandardInput = true;
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("could not start the test bed watchdog");
        watchdog.StandardInput.Close();
    }
}
