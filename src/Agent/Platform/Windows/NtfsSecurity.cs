namespace KafkaAgent.Platform.Windows;

/// <summary>One access-control entry, reduced to what the ownership fix reasons about.</summary>
/// <param name="InheritsToChildren">Container and object inherit: new files under a directory get it too.</param>
internal sealed record NtfsAce(string Sid, bool Allow, int AccessMask, bool Inherited, bool InheritsToChildren);

/// <summary>The owner and DACL of one file or directory, read without following a reparse point.</summary>
internal sealed record NtfsSecurity(string OwnerSid, IReadOnlyList<NtfsAce> Aces, bool IsDirectory, bool IsReparsePoint);
