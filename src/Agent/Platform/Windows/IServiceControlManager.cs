namespace KafkaAgent.Platform.Windows;

/// <summary>The narrow part of the Service Control Manager the agent uses; faked in tests.</summary>
internal interface IServiceControlManager
{
    /// <returns>Null when no service of that name is installed.</returns>
    ScmServiceStatus? Query(string service);

    void Start(string service);

    /// <summary>Sends SERVICE_CONTROL_STOP: the service's own graceful stop, never a process kill.</summary>
    void Stop(string service);
}
