namespace KafkaAgent.Platform.Windows;

/// <summary>
/// The Windows side of the runbook's <c>chown -R kafka:kafka</c>: the Kafka account becomes the owner and gets an
/// explicit full-control entry (inheritable on directories), so the broker can write its log dirs again.
/// Other entries are left alone; the primary group of an NTFS descriptor means nothing to Windows, so
/// <see cref="FileOwner.Group"/> is not used. Reparse points (symlinks, junctions) are never followed.
/// </summary>
internal sealed class NtfsFileOwnership(INtfsSecurityStore store) : IFileOwnership
{
    /// <summary>FILE_ALL_ACCESS.</summary>
    internal const int FullControl = 0x1F01FF;

    /// <summary>Everyone: full control for Everyone covers the Kafka account too.</summary>
    internal const string EveryoneSid = "S-1-1-0";

    public OwnershipFix Fix(string path, FileOwner owner)
    {
        var sid = store.ResolveSid(owner.User);
        var current = store.Read(path);
        if (current.IsReparsePoint)
        {
            return OwnershipFix.SkippedLink;
        }

        var ownerIsRight = string.Equals(current.OwnerSid, sid, StringComparison.OrdinalIgnoreCase);
        var hasFullControl = current.Aces.Any(a => a.Allow
            && (string.Equals(a.Sid, sid, StringComparison.OrdinalIgnoreCase) || a.Sid == EveryoneSid)
            && (a.AccessMask & FullControl) == FullControl
            && (!current.IsDirectory || a.InheritsToChildren));
        if (ownerIsRight && hasFullControl)
        {
            return OwnershipFix.AlreadyCorrect;
        }

        store.Write(path,
            ownerIsRight ? null : sid,
            hasFullControl ? null : new NtfsAce(sid, Allow: true, FullControl, Inherited: false, InheritsToChildren: current.IsDirectory));
        return OwnershipFix.Fixed;
    }
}
