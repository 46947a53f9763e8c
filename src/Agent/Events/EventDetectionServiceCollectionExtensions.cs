using KafkaAgent.Configuration;
using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KafkaAgent.Events;

/// <summary>Registers the event sources that wake the daemon's loop early (Linux only; polling alone elsewhere).</summary>
internal static class EventDetectionServiceCollectionExtensions
{
    /// <remarks>Needs what <c>AddAgentObservation</c> registers (<see cref="IServiceManager"/>, <see cref="IFileSystemStats"/>).</remarks>
    public static IServiceCollection AddEventDetection(this IServiceCollection services, AgentSettings settings)
    {
        services.TryAddSingleton<ICycleTrigger, CycleTrigger>();
        if (!OperatingSystem.IsLinux())
        {
            return services;
        }

        services.AddSingleton<IProcessLocator>(sp => new ServiceProcessLocator(
            "kafka", DetectionEvent.KafkaExit, ProcessIdentity.IsKafka, settings.Kafka.Service.Name, sp.GetRequiredService<IServiceManager>()));
        if (settings.ZooKeeper.LocalServer is { } local)
        {
            services.AddSingleton<IProcessLocator>(new ZooKeeperProcessLocator(local.Path));
        }
        services.AddHostedService<ProcessExitWatcher>();
        services.AddHostedService<RegistrationWatcher>();
        services.AddHostedService<DiskPressureWatcher>();
        return services;
    }
}
