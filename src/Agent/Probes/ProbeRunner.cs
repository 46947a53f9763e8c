using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Probes;

/// <summary>The boundary of every probe: measures its duration and never lets an exception out.</summary>
internal static class ProbeRunner
{
    /// <summary>Runs <paramref name="probe"/>; an exception (a probe bug) is logged with its stack and becomes the outcome's failure.</summary>
    public static async Task<ProbeOutcome<TFacts>> RunAsync<TFacts>(IProbe<TFacts> probe, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
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
            // Release builds keep this (Debug.WriteLine did not): a probe bug must reach the journal with its stack.
            Log.ProbeFailed(logger, ProbeName(probe), ex);
            return new ProbeOutcome<TFacts>(null, time.GetElapsedTime(started), $"probe failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>For a caller that has no logger yet; prefer the overload with one.</summary>
    public static Task<ProbeOutcome<TFacts>> RunAsync<TFacts>(IProbe<TFacts> probe, TimeProvider time, CancellationToken cancellationToken)
        where TFacts : class =>
        RunAsync(probe, time, NullLogger.Instance, cancellationToken);

    private static string ProbeName<TFacts>(IProbe<TFacts> probe)
        where TFacts : class => probe.GetType().Name;
}
