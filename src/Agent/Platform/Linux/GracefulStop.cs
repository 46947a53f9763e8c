using System.Globalization;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// Stops one verified process: SIGTERM (and SIGCONT, since a SIGSTOPped process acts on SIGTERM only once
/// continued), a wait of up to the stop timeout (Kafka moves leadership away first, which can take minutes), and
/// SIGKILL only after that, only to that process (held through its pidfd).
/// </summary>
internal static class GracefulStop
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    public static async Task<ServiceActionResult> StopAsync(
        ServiceProcess process, string what, TimeSpan stopTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pid = process.Pid.ToString(CultureInfo.InvariantCulture);
        if (!process.Signal(LibC.SigTerm))
        {
            return new ServiceActionResult(true, $"{what} (pid {pid}) had already exited");
        }

        _ = process.Signal(LibC.SigCont);
        var started = time.GetTimestamp();
        if (await WaitForExitAsync(process, stopTimeout, time, cancellationToken))
        {
            var took = time.GetElapsedTime(started).TotalSeconds;
            return new ServiceActionResult(true, string.Create(CultureInfo.InvariantCulture, $"{what} (pid {pid}) stopped on SIGTERM after {took:0.#} s"));
        }

        _ = process.Signal(LibC.SigKill);
        var killed = await WaitForExitAsync(process, KillWait, time, cancellationToken);
        return new ServiceActionResult(killed, string.Create(CultureInfo.InvariantCulture,
            $"{what} (pid {pid}) did not stop within {stopTimeout.TotalSeconds:0.#} s of SIGTERM; sent SIGKILL{(killed ? "" : ", and it still has not exited")}"));
    }

    private static async Task<bool> WaitForExitAsync(ServiceProcess process, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (!process.HasExited())
        {
            if (time.GetElapsedTime(started) >= timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return true;
    }
}
