namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// The file `up` leaves at the top of a sandbox. `down` kills processes, unmounts and deletes recursively,
/// so it acts only on a directory that carries this marker: a mistyped --dir (say /var/kafka) is refused.
/// </summary>
internal static class SandboxMarker
{
    public const string FileName = ".kafka-sandbox";

    private const string Content = "kafka-sandbox: this directory was made by `scripts/sandbox up`; `scripts/sandbox down` deletes it\n";

    public static string PathIn(string root) => Path.Combine(root, FileName);

    /// <summary>Writes the marker; the root must be a real directory (not a symlink).</summary>
    public static void Write(string root)
    {
        File.WriteAllText(PathIn(root), Content);
    }

    /// <summary>True when the root is a real directory holding a regular marker file that `up` wrote.</summary>
    public static bool IsSandbox(string root)
    {
        var dir = new DirectoryInfo(root);
        if (!dir.Exists || dir.LinkTarget is not null)
        {
            return false;
        }
        var marker = new FileInfo(PathIn(root));
        if (!marker.Exists || marker.LinkTarget is not null || marker.Length > 4096)
        {
            return false;
        }
        try
        {
            return File.ReadAllText(marker.FullName) == Content;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Why `down` (or `up`) will not act on a directory, in one line naming it.</summary>
    public static string NotASandbox(string root) =>
        $"{root} is not a sandbox (it has no {FileName} file from `up`): refusing to stop processes, unmount or delete anything there";
}
