namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// Which sandbox a command acts on: --dir when given; for `up`, ./.sandbox; otherwise the last `up`'s
/// directory (remembered in a small file), then ./.sandbox, and only when that directory is a sandbox.
/// </summary>
internal sealed class SandboxDirectory(string lastFile)
{
    /// <summary>The memory file: $KAFKA_SANDBOX_LAST, else under the user's state directory.</summary>
    public static SandboxDirectory FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable("KAFKA_SANDBOX_LAST");
        if (string.IsNullOrEmpty(path))
        {
            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrEmpty(state))
            {
                state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }
            path = Path.Combine(state, "kafka-sandbox", "last-dir");
        }
        return new SandboxDirectory(Path.GetFullPath(path));
    }

    public string LastFile => lastFile;

    /// <summary>The directory to act on, and a note saying where it came from when --dir was not given.</summary>
    public (string Root, string? Note) Resolve(string verb, string? dir)
    {
        if (dir is not null)
        {
            return (Path.GetFullPath(dir), null);
        }
        var fallback = Path.GetFullPath(SandboxLayout.DefaultRoot);
        if (verb == "up")
        {
            return (fallback, null);
        }
        if (Remembered() is { } last && SandboxMarker.IsSandbox(last))
        {
            return (last, $"sandbox {last} (the last `up`'s, remembered in {lastFile})");
        }
        if (SandboxMarker.IsSandbox(fallback))
        {
            return (fallback, null);
        }
        var remembered = Remembered() is { } r ? $"the last `up` made {r}, which is no sandbox any more" : $"no `up` is remembered in {lastFile}";
        throw new InvalidOperationException($"no --dir given: {remembered}, and {fallback} is not a sandbox; pass --dir DIR");
    }

    /// <summary>Remembers the directory of an `up` (also of a failed one, so that `down` finds it).</summary>
    public void Remember(string root)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lastFile)!);
        File.WriteAllText(lastFile + ".tmp", root + "\n");
        File.Move(lastFile + ".tmp", lastFile, overwrite: true);
    }

    /// <summary>Forgets the directory once `down` removed it.</summary>
    public void Forget(string root)
    {
        if (Remembered() == root)
        {
            File.Delete(lastFile);
        }
    }

    private string? Remembered()
    {
        try
        {
            var text = File.ReadAllText(lastFile).Trim();
            return text.Length > 0 && Path.IsPathFullyQualified(text) ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
