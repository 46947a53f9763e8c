using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using static KafkaAgent.Platform.Windows.Advapi32;

namespace KafkaAgent.Platform.Windows;

/// <summary>Enables privileges the process token holds but has disabled (as Windows hands them to services).</summary>
[SupportedOSPlatform("windows")]
internal static class WindowsPrivileges
{
    private const int TokenAdjustPrivileges = 0x20;
    private const int TokenQuery = 0x8;
    private const int PrivilegeEnabled = 0x2;
    private const int ErrorNotAllAssigned = 1300;

    public static void Enable(params string[] privileges)
    {
        // GetCurrentProcess() is the pseudo handle -1.
        if (!OpenProcessToken(-1, TokenAdjustPrivileges | TokenQuery, out var token))
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError());
        }
        try
        {
            foreach (var privilege in privileges)
            {
                if (!LookupPrivilegeValue(null, privilege, out var luid))
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), privilege);
                }
                var state = new TokenPrivilege { Count = 1, Luid = luid, Attributes = PrivilegeEnabled };
                if (!AdjustTokenPrivileges(token, false, state, Marshal.SizeOf<TokenPrivilege>(), 0, 0)
                    || Marshal.GetLastPInvokeError() == ErrorNotAllAssigned)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"the agent's account lacks {privilege}");
                }
            }
        }
        finally
        {
            CloseHandle(token);
        }
    }
}
