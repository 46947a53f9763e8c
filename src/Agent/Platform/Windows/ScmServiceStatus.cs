namespace KafkaAgent.Platform.Windows;

/// <summary>SERVICE_STATUS_PROCESS.dwCurrentState: the values are the Win32 constants.</summary>
internal enum ScmState
{
    Stopped = 1,
    StartPending = 2,
    StopPending = 3,
    Running = 4,
    ContinuePending = 5,
    PausePending = 6,
    Paused = 7,
}

/// <summary>What the Service Control Manager reports for one service (QueryServiceStatusEx).</summary>
internal sealed record ScmServiceStatus(ScmState State, int ProcessId, int Win32ExitCode, int ServiceSpecificExitCode);
