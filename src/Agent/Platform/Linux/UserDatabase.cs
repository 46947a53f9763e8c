using System.Globalization;
using System.Runtime.InteropServices;

namespace KafkaAgent.Platform.Linux;

// Not shared with the sandbox's UserAccount: the agent goes through NSS (LDAP counts), the sandbox reads its own local accounts.
/// <summary>Resolves user and group names to ids through the C library (so NSS sources such as LDAP count).</summary>
internal static partial class UserDatabase
{
    public static uint? FindUserId(string name)
    {
        if (uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
        {
            return numeric;
        }

        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; ... }: pw_uid follows two pointers.
        var entry = GetPasswordEntry(name);
        return entry == 0 ? null : (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size);
    }

    public static uint? FindGroupId(string name)
    {
        if (uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
        {
            return numeric;
        }

        // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; ... }
        var entry = GetGroupEntry(name);
        return entry == 0 ? null : (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size);
    }

    // The non-reentrant calls are fine here: they run once, at configuration time, on one thread.
    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetPasswordEntry(string name);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetGroupEntry(string name);
}
