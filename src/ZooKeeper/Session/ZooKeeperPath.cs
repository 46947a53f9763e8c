namespace KafkaAgent.ZooKeeper.Session;

/// <summary>
/// Znode path rules (as the server enforces them) and the chroot mapping: the caller sees paths
/// relative to the chroot, the server sees absolute ones.
/// </summary>
internal sealed class ZooKeeperPath
{
    private readonly string? _chroot;

    public ZooKeeperPath(string? chroot)
    {
        _chroot = chroot;
    }

    /// <summary>Validates the caller's path and prefixes the chroot.</summary>
    public string ToServer(string path, bool sequential = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problem = Validate(path, sequential);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid ZooKeeper path '{path}': {problem}", nameof(path));
        }

        if (_chroot is null)
        {
            return path;
        }

        return path == "/" ? _chroot : _chroot + path;
    }

    /// <summary>Strips the chroot from a path the server reports (created paths, watch events).</summary>
    public string FromServer(string serverPath)
    {
        if (_chroot is null || !serverPath.StartsWith(_chroot, StringComparison.Ordinal))
        {
            return serverPath;
        }

        if (serverPath.Length == _chroot.Length)
        {
            return "/";
        }

        return serverPath[_chroot.Length] == '/' ? serverPath[_chroot.Length..] : serverPath;
    }

    /// <summary>Returns why the path is invalid, or null. Sequential creates may end with '/'.</summary>
    public static string? Validate(string path, bool sequential)
    {
        // The server appends the sequence number, so the name must be valid once something follows.
        return sequential ? ValidateComplete(path + "1") : ValidateComplete(path);
    }

    private static string? ValidateComplete(string path)
    {
        if (path.Length == 0)
        {
            return "empty path";
        }

        if (path[0] != '/')
        {
            return "must start with '/'";
        }

        if (path.Length == 1)
        {
            return null;
        }

        if (path[^1] == '/')
        {
            return "must not end with '/'";
        }

        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                var c = path[i];
                if (IsForbidden(c))
                {
                    return $"invalid character U+{(int)c:X4} at index {i}";
                }

                continue;
            }

            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment.Length == 0)
            {
                return $"empty node name at index {i}";
            }

            if (segment is "." || segment is "..")
            {
                return $"relative node name '{segment}' at index {segmentStart}";
            }

            segmentStart = i + 1;
        }

        return null;
    }

    private static bool IsForbidden(char c) =>
        c == '\0'
        || (c > '\u0000' && c <= '\u001f')
        || (c >= '\u007f' && c <= '\u009f')
        || (c >= '\ud800' && c <= '\uf8ff')
        || (c >= '\ufff0' && c <= '\uffff');
}
