using KafkaAgent.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Hosting;

/// <summary>
/// <c>kafka-agent run</c> with reload: runs one host for the configuration in force; on SIGHUP reads agent.yaml again
/// and, when it is valid and differs, waits for the cycle in flight, stops that host and starts one for the new
/// configuration. An invalid file changes nothing: the running configuration stays, with one line naming the key.
/// </summary>
internal static class ReloadingRun
{
    /// <param name="build">Builds the host for one configuration; the gate must be registered in it.</param>
    /// <param name="load">Reads and validates agent.yaml again: the settings, or null and the one-line reason.</param>
    public static async Task<int> RunAsync(
        AgentSettings settings,
        Func<AgentSettings, ReloadGate, IHost> build,
        Func<(AgentSettings? Settings, string? Problem)> load,
        CancellationToken cancellationToken)
    {
        using var gate = new ReloadGate();
        using var signal = new ReloadSignal();
        var host = build(settings, gate);
        try
        {
            LogDiscovered(host, settings.Discovered.Values);
            await host.StartAsync(cancellationToken);
            while (true)
            {
                var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
                try
                {
                    await signal.WaitAsync(wake.Token);
                }
                catch (OperationCanceledException)
                {
                    await host.StopAsync(CancellationToken.None);
                    return host.Services.GetRequiredService<AgentExit>().Code;
                }

                var logger = Logger(host);
                var (fresh, problem) = load();
                if (fresh is null)
                {
                    Log.ReloadRejected(logger, problem!);
                    continue;
                }

                var changes = SettingSources.Changes(settings.Sources, fresh.Sources);
                if (changes.Count == 0)
                {
                    Log.ReloadUnchanged(logger, fresh.ConfigPath);
                    continue;
                }

                if (fresh.Metrics != settings.Metrics && MetricsPortCheck.Problem(fresh) is { } busy)
                {
                    Log.ReloadRejected(logger, busy);
                    continue;
                }

                using var paused = await gate.PauseCyclesAsync(stopping);
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
                (host, settings) = await StartAsync(build, gate, fresh, settings, changes, cancellationToken);
            }
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>Starts the host for the new configuration; if that fails, the old configuration's again.</summary>
    private static async Task<(IHost Host, AgentSettings Settings)> StartAsync(
        Func<AgentSettings, ReloadGate, IHost> build, ReloadGate gate, AgentSettings fresh, AgentSettings old, IReadOnlyList<string> changes, CancellationToken cancellationToken)
    {
        var host = build(fresh, gate);
        try
        {
            await host.StartAsync(cancellationToken);
            var logger = Logger(host);
            var changed = string.Join("; ", changes);
            Log.ReloadApplied(logger, changes.Count, changed);
            return (host, fresh);
        }
#pragma warning disable CA1031 // Whatever kept the new host from starting, the old configuration must run again.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            var restored = build(old, gate);
            var logger = Logger(restored);
            var problem = "the new configuration did not start: " + ex.Message;
            Log.ReloadRejected(logger, problem);
            await restored.StartAsync(cancellationToken);
            return (restored, old);
        }
    }

    private static void LogDiscovered(IHost host, IEnumerable<ResolvedSetting> discovered)
    {
        var logger = Logger(host);
        foreach (var found in discovered.Where(d => d.Key.EndsWith("properties", StringComparison.Ordinal)))
        {
            Log.ConfigFileFound(logger, found.Key, found.Value.Length == 0 ? "none" : found.Value, found.Source);
        }
    }

    private static ILogger Logger(IHost host) => host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KafkaAgent.Configuration");
}
