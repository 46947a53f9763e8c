namespace KafkaAgent.Platform.Linux;

/// <summary>
/// Depth-first walk below an open directory, every subdirectory opened relative to its parent's handle
/// (<see cref="DirectoryHandle.OpenChild(string, out int)"/>), so nothing is ever reached through a symlink. Open
/// descriptors are bounded by the depth, which is capped.
/// </summary>
internal static class DirectoryWalker
{
    /// <summary>Deeper than any Kafka or ZooKeeper layout (two or three levels) by far; keeps descriptors bounded.</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// Visits <paramref name="start"/> and the subdirectories the visitor names, depth first. The visitor reads the
    /// open directory and adds the names (single components) of the subdirectories to descend into.
    /// </summary>
    /// <param name="cannotOpen">A named subdirectory that exists but cannot be opened (path, reason). One that is gone,
    /// no longer a directory, or now a symlink is skipped silently: the next look at its parent sees what it is now.</param>
    public static void Walk(
        DirectoryHandle start,
        Action<DirectoryHandle, List<string>> visit,
        Action<string, string>? cannotOpen,
        CancellationToken cancellationToken)
    {
        var stack = new Stack<(DirectoryHandle Handle, List<string> Names, int Next)>();
        var names = new List<string>();
        visit(start, names);
        stack.Push((start, names, 0));
        try
        {
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (handle, pending, next) = stack.Pop();
                if (next >= pending.Count)
                {
                    if (!ReferenceEquals(handle, start))
                    {
                        handle.Dispose();
                    }

                    continue;
                }

                stack.Push((handle, pending, next + 1));
                var name = pending[next];
                if (stack.Count >= MaxDepth)
                {
                    cannotOpen?.Invoke($"{handle.Path}/{name}", $"deeper than {MaxDepth} levels");
                    continue;
                }

                var child = handle.OpenChild(name, out var errno);
                if (child is null)
                {
                    if (errno is not (LibC.ENOENT or LibC.ENOTDIR or LibC.ELOOP))
                    {
                        cannotOpen?.Invoke($"{handle.Path}/{name}", LibC.ErrorText(errno));
                    }

                    continue;
                }

                var childNames = new List<string>();
                try
                {
                    visit(child, childNames);
                }
                catch
                {
                    child.Dispose();
                    throw;
                }

                stack.Push((child, childNames, 0));
            }
        }
        finally
        {
            foreach (var (handle, _, _) in stack)
            {
                if (!ReferenceEquals(handle, start))
                {
                    handle.Dispose();
                }
            }
        }
    }
}
