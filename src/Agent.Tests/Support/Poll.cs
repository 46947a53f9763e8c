using System.Diagnostics;

namespace KafkaAgent.Tests.Support;

/// <summary>Waiting on a real process or host in end-to-end tests, where no event says that a state was reached.</summary>
internal static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 250 ms; false once <paramref name="bound"/> passed without it.</summary>
    public static bool Until(Func<bool> condition, TimeSpan bound)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > bound)
            {
                return false;
            }

            Thread.Sleep(250);
        }

        return true;
    }
}
