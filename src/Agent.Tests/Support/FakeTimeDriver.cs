using KafkaAgent.Tests.Hosting;

namespace KafkaAgent.Tests.Support;

/// <summary>Moves fake time on while an operation polls (each step only once it waits on a timer), until it completes.</summary>
internal static class FakeTimeDriver
{
    /// <param name="beforeStep">Called with the step number before time moves (a test changes the world there).</param>
    public static async Task<T> DriveAsync<T>(Task<T> operation, SteppingTimeProvider time, TimeSpan step, Action<int>? beforeStep = null)
    {
        for (var i = 0; !operation.IsCompleted; i++)
        {
            await Task.WhenAny(operation, time.WaitUntilWaitingAsync());
            if (operation.IsCompleted)
            {
                break;
            }

            beforeStep?.Invoke(i);
            await time.AdvanceWhenWaitingAsync(step);
        }

        return await operation;
    }
}
