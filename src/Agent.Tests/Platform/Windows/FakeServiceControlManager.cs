using System.ComponentModel;
using KafkaAgent.Platform.Windows;

namespace KafkaAgent.Tests.Platform.Windows;

/// <summary>An in-memory SCM: installed services with their status; records start and stop requests.</summary>
internal sealed class FakeServiceControlManager : IServiceControlManager
{
    public Dictionary<string, ScmServiceStatus> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Requests { get; } = [];

    public bool Fail { get; init; }

    public ScmServiceStatus? Query(string service) =>
        Fail ? throw new Win32Exception(5, "Access is denied") : Services.GetValueOrDefault(service);

    /// <summary>What the service does when asked to start (e.g. comes up); nothing by default.</summary>
    public Action<string>? OnStart { get; set; }

    public Action<string>? OnStop { get; set; }

    public void Start(string service)
    {
        Requests.Add("start " + service);
        OnStart?.Invoke(service);
    }

    public void Stop(string service)
    {
        Requests.Add("stop " + service);
        OnStop?.Invoke(service);
    }
}
