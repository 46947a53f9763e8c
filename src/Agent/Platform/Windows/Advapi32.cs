using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace KafkaAgent.Platform.Windows;

/// <summary>The Win32 calls behind the SCM and NTFS seams (advapi32, kernel32).</summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class Advapi32
{
    public const int ScManagerConnect = 0x0001;
    public const int ServiceQueryStatus = 0x0004;
    public const int ServiceStart = 0x0010;
    public const int ServiceStop = 0x0020;
    public const int ServiceControlStop = 1;
    public const int ErrorServiceDoesNotExist = 1060;
    public const int ErrorServiceAlreadyRunning = 1056;
    public const int ErrorServiceNotActive = 1062;

    public const int SeFileObject = 1;
    public const int OwnerSecurityInformation = 0x1;
    public const int DaclSecurityInformation = 0x4;
    public const int ReadControl = 0x20000;
    public const int WriteDac = 0x40000;
    public const int WriteOwner = 0x80000;

    /// <summary>SERVICE_STATUS_PROCESS; its first seven fields are SERVICE_STATUS, so ControlService fills it too.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ServiceStatusProcess
    {
        public int ServiceType;
        public int CurrentState;
        public int ControlsAccepted;
        public int Win32ExitCode;
        public int ServiceSpecificExitCode;
        public int CheckPoint;
        public int WaitHint;
        public int ProcessId;
        public int ServiceFlags;
    }

    /// <summary>TOKEN_PRIVILEGES with one LUID_AND_ATTRIBUTES.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct TokenPrivilege
    {
        public int Count;
        public long Luid;
        public int Attributes;
    }

    [LibraryImport("advapi32.dll", EntryPoint = "OpenSCManagerW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial nint OpenSCManager(string? machineName, string? databaseName, int access);

    [LibraryImport("advapi32.dll", EntryPoint = "OpenServiceW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial nint OpenService(nint manager, string serviceName, int access);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool QueryServiceStatusEx(nint service, int infoLevel, out ServiceStatusProcess buffer, int bufferSize, out int bytesNeeded);

    [LibraryImport("advapi32.dll", EntryPoint = "StartServiceW", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool StartService(nint service, int argumentCount, nint arguments);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool ControlService(nint service, int control, out ServiceStatusProcess status);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CloseServiceHandle(nint handle);

    /// <returns>A Win32 error code; 0 on success.</returns>
    [LibraryImport("advapi32.dll")]
    public static partial int GetSecurityInfo(SafeFileHandle handle, int objectType, int securityInfo,
        nint* owner, nint* group, nint* dacl, nint* sacl, out nint securityDescriptor);

    /// <returns>A Win32 error code; 0 on success.</returns>
    [LibraryImport("advapi32.dll")]
    public static partial int SetSecurityInfo(SafeFileHandle handle, int objectType, int securityInfo,
        byte* owner, byte* group, byte* dacl, byte* sacl);

    [LibraryImport("advapi32.dll")]
    public static partial int GetSecurityDescriptorLength(nint securityDescriptor);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool OpenProcessToken(nint process, int access, out nint token);

    [LibraryImport("advapi32.dll", EntryPoint = "LookupPrivilegeValueW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool LookupPrivilegeValue(string? systemName, string name, out long luid);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool AdjustTokenPrivileges(nint token, [MarshalAs(UnmanagedType.Bool)] bool disableAll,
        in TokenPrivilege newState, int length, nint previousState, nint returnLength);

    [LibraryImport("kernel32.dll", EntryPoint = "CreateFileW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial SafeFileHandle CreateFile(string path, int access, int share, nint security, int creation, int flags, nint template);

    [LibraryImport("kernel32.dll")]
    public static partial nint LocalFree(nint memory);

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CloseHandle(nint handle);
}
