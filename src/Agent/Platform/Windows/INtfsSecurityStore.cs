namespace KafkaAgent.Platform.Windows;

/// <summary>Reads and writes NTFS security descriptors; the Win32 implementation runs only on Windows, tests fake it.</summary>
internal interface INtfsSecurityStore
{
    /// <summary>The SID (S-1-5-...) of an account name such as <c>kafka</c> or <c>DOMAIN\kafka</c>.</summary>
    /// <exception cref="ArgumentException">No such account.</exception>
    string ResolveSid(string account);

    NtfsSecurity Read(string path);

    /// <summary>Full paths of the entries of one directory (not recursive; the caller decides what to enter).</summary>
    IReadOnlyList<string> ListDirectory(string directory);

    /// <summary>Sets the owner (when not null) and adds the entry (when not null), leaving every other entry as it is.</summary>
    void Write(string path, string? ownerSid, NtfsAce? addAce);
}
