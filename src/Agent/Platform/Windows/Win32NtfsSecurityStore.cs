using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using Microsoft.Win32.SafeHandles;
using static KafkaAgent.Platform.Windows.Advapi32;

namespace KafkaAgent.Platform.Windows;

/// <summary>
/// NTFS security descriptors through handles opened with FILE_FLAG_OPEN_REPARSE_POINT, so a symlink or junction
/// is read and written as itself and never followed. Cannot run on the Linux build machines: covered by the fakes.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class Win32NtfsSecurityStore : INtfsSecurityStore
{
    private const int ShareAll = 0x7;
    private const int OpenExisting = 3;
    private const int BackupSemantics = 0x02000000;
    private const int OpenReparsePoint = 0x00200000;
    private const InheritanceFlags ToChildren = InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit;

    public Win32NtfsSecurityStore()
    {
        // Giving a file to another account needs SeRestorePrivilege; LocalSystem holds it, disabled until asked for.
        WindowsPrivileges.Enable("SeRestorePrivilege", "SeTakeOwnershipPrivilege");
    }

    // Lists one directory only; the fixer reads each entry's security (reparse points included) before it enters it.
    public IReadOnlyList<string> ListDirectory(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false }).ToList();

    public string ResolveSid(string account)
    {
        try
        {
            return ((SecurityIdentifier)new NTAccount(account).Translate(typeof(SecurityIdentifier))).Value;
        }
        catch (IdentityNotMappedException ex)
        {
            throw new ArgumentException($"no Windows account named '{account}'", nameof(account), ex);
        }
    }

    public NtfsSecurity Read(string path)
    {
        // GetAttributes reports the reparse point itself, not its target.
        var attributes = File.GetAttributes(path);
        using var handle = Open(path, ReadControl);
        var descriptor = ReadDescriptor(handle, path);
        // A null DACL grants everyone everything: say so as the entry it amounts to.
        var aces = descriptor.DiscretionaryAcl?.OfType<CommonAce>()
            .Select(a => new NtfsAce(a.SecurityIdentifier.Value, a.AceQualifier == AceQualifier.AccessAllowed, a.AccessMask,
                a.IsInherited, (a.InheritanceFlags & ToChildren) == ToChildren))
            .ToList() ?? [new NtfsAce(NtfsFileOwnership.EveryoneSid, true, NtfsFileOwnership.FullControl, false, true)];
        return new NtfsSecurity(descriptor.Owner?.Value ?? "", aces,
            attributes.HasFlag(FileAttributes.Directory), attributes.HasFlag(FileAttributes.ReparsePoint));
    }

    public void Write(string path, string? ownerSid, NtfsAce? addAce)
    {
        using var handle = Open(path, ReadControl | WriteDac | WriteOwner);
        var sections = 0;
        byte[]? owner = null;
        byte[]? dacl = null;
        if (ownerSid is not null)
        {
            var sid = new SecurityIdentifier(ownerSid);
            owner = new byte[sid.BinaryLength];
            sid.GetBinaryForm(owner, 0);
            sections |= OwnerSecurityInformation;
        }
        // CommonSecurityDescriptor keeps the entries in canonical order (deny before allow, explicit before inherited).
        // A null DACL already grants everyone everything: then only the owner changes.
        if (addAce is not null
            && new CommonSecurityDescriptor(addAce.InheritsToChildren, false, ReadDescriptor(handle, path)) is { DiscretionaryAcl: not null } security)
        {
            security.DiscretionaryAcl.AddAccess(AccessControlType.Allow, new SecurityIdentifier(addAce.Sid), addAce.AccessMask,
                addAce.InheritsToChildren ? ToChildren : InheritanceFlags.None, PropagationFlags.None);
            dacl = new byte[security.DiscretionaryAcl.BinaryLength];
            security.DiscretionaryAcl.GetBinaryForm(dacl, 0);
            sections |= DaclSecurityInformation;
        }
        fixed (byte* o = owner)
        fixed (byte* d = dacl)
        {
            var error = SetSecurityInfo(handle, SeFileObject, sections, o, null, d, null);
            if (error != 0)
            {
                throw new Win32Exception(error, $"cannot set the owner or ACL of {path}");
            }
        }
    }

    private static SafeFileHandle Open(string path, int access)
    {
        var handle = CreateFile(path, access, ShareAll, 0, OpenExisting, BackupSemantics | OpenReparsePoint, 0);
        if (handle.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new Win32Exception(error, $"cannot open {path}");
        }
        return handle;
    }

    private static RawSecurityDescriptor ReadDescriptor(SafeFileHandle handle, string path)
    {
        var error = GetSecurityInfo(handle, SeFileObject, OwnerSecurityInformation | DaclSecurityInformation,
            null, null, null, null, out var descriptor);
        if (error != 0)
        {
            throw new Win32Exception(error, $"cannot read the security of {path}");
        }
        try
        {
            var bytes = new byte[GetSecurityDescriptorLength(descriptor)];
            Marshal.Copy(descriptor, bytes, 0, bytes.Length);
            return new RawSecurityDescriptor(bytes, 0);
        }
        finally
        {
            LocalFree(descriptor);
        }
    }
}
