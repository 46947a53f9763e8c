namespace KafkaAgent.Platform.Windows;

/// <summary>
/// The Windows side of <see cref="IOwnershipFixer"/>: every entry under the root gets the Kafka account as owner
/// and full control (<see cref="NtfsFileOwnership"/>). Reparse points (symlinks, junctions) are never entered and
/// never changed: each entry's descriptor is read through a handle opened on the entry itself before the walk
/// goes below it. Windows has no uid or gid: the account is fixed at construction and the ids are ignored.
/// </summary>
internal sealed class NtfsOwnershipFixer(INtfsSecurityStore store, FileOwner owner) : IOwnershipFixer
{
    private const int MaxErrors = 20;

    public OwnershipFixResult Fix(string root, uint uid, uint gid, CancellationToken cancellationToken)
    {
        var single = new NtfsFileOwnership(store);
        long changed = 0, failed = 0, skipped = 0;
        var errors = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = pending.Pop();
            try
            {
                // The root may be a junction the operator chose (like a symlinked log dir on Linux): entered, not changed.
                var security = store.Read(path);
                if (security.IsReparsePoint && !string.Equals(path, root, StringComparison.Ordinal))
                {
                    skipped++;
                    continue;
                }

                if (!security.IsReparsePoint && single.Fix(path, owner) == OwnershipFix.Fixed)
                {
                    changed++;
                }

                if (security.IsDirectory)
                {
                    foreach (var child in store.ListDirectory(path))
                    {
                        pending.Push(child);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                failed++;
                if (errors.Count < MaxErrors)
                {
                    errors.Add($"{path}: {ex.Message}");
                }
            }
        }

        return new OwnershipFixResult(changed, failed, skipped, errors);
    }
}
