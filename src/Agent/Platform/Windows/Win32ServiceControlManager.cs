using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using static KafkaAgent.Platform.Windows.Advapi32;

namespace KafkaAgent.Platform.Windows;

/// <summary>The real Service Control Manager (advapi32). Cannot run on the Linux build machines: covered by the fakes.</summary>
[SupportedOSPlatform("windows")]
internal sealed class Win32ServiceControlManager : IServiceControlManager
{
    public ScmServiceStatus? Query(string service)
    {
        ScmServiceStatus? result = null;
        TryWithService(service, ServiceQueryStatus, handle =>
        {
            if (!QueryServiceStatusEx(handle, 0, out var status, Marshal.SizeOf<ServiceStatusProcess>(), out _))
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError());
            }
            result = new ScmServiceStatus((ScmState)status.CurrentState, status.ProcessId, status.Win32ExitCode, status.ServiceSpecificExitCode);
        });
        return result;
    }

    public void Start(string service) => Require(service, TryWithService(service, ServiceStart, handle =>
    {
        if (!StartService(handle, 0, 0) && Marshal.GetLastPInvokeError() is var error && error != ErrorServiceAlreadyRunning)
        {
            throw new Win32Exception(error);
        }
    }));

    public void Stop(string service) => Require(service, TryWithService(service, ServiceStop, handle =>
    {
        if (!ControlService(handle, ServiceControlStop, out _) && Marshal.GetLastPInvokeError() is var error && error != ErrorServiceNotActive)
        {
            throw new Win32Exception(error);
        }
    }));

    private static void Require(string service, bool installed)
    {
        if (!installed)
        {
            throw new InvalidOperationException($"service {service} is not installed");
        }
    }

    /// <returns>False when the service is not installed.</returns>
    private static bool TryWithService(string service, int access, Action<nint> use)
    {
        var manager = OpenSCManager(null, null, ScManagerConnect);
        if (manager == 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError());
        }
        try
        {
            var handle = OpenService(manager, service, access);
            if (handle == 0)
            {
                var error = Marshal.GetLastPInvokeError();
                return error == ErrorServiceDoesNotExist ? false : throw new Win32Exception(error);
            }
            try
            {
                use(handle);
                return true;
            }
            finally
            {
                CloseServiceHandle(handle);
            }
        }
        finally
        {
            CloseServiceHandle(manager);
        }
    }
}
