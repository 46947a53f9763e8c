using System.Diagnostics;

namespace KafkaAgent.Probes;

/// <summary>The boundary of every probe: measures its duration and never lets an exception out.</summary>
internal static class ProbeRunner
{
    public static async Task<ProbeOutcome<TFacts>> RunAsync<TFacts>(IProbe<TFacts> probe, TimeProvider time, CancellationToken cancellationToken)
        where TFacts : class
    {
        var started = time.GetTimestamp();
        try
        {
            var facts = await probe.ProbeAsync(cancellationToken);
            return new ProbeOutcome<TFacts>(facts, time.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Debug.WriteLine(ex);
            return new ProbeOutcome<TFacts>(null, time.GetElapsedTime(started), $"probe failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
