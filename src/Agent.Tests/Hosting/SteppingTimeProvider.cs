using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Hosting;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when the code under test has armed a timer since the last
/// advance, so a test can move time only once the worker is actually waiting (no real-time sleeps, no races).
/// </summary>
internal sealed class SteppingTimeProvider : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = [];
    private int _generation;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, dueTime, period);
        tracked.Inner = base.CreateTimer(tracked.Fire, (callback, state), dueTime, period);
        lock (_gate)
        {
            _timers.Add(tracked);
        }
        return tracked;
    }

    /// <summary>Waits (in real time, bounded) until a timer armed after the last advance is pending, then advances.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan by)
    {
        await WaitUntilWaitingAsync();
        lock (_gate)
        {
            _generation++;
        }
        Advance(by);
    }

    public async Task WaitUntilWaitingAsync()
    {
        var limit = Environment.TickCount64 + 10_000;
        while (!HasFreshPendingTimer())
        {
            if (Environment.TickCount64 > limit)
            {
                throw new TimeoutException("the code under test never armed a timer");
            }
            await Task.Delay(1);
        }
    }

    private bool HasFreshPendingTimer()
    {
        lock (_gate)
        {
            return _timers.Exists(t => t.Pending && t.Generation == _generation);
        }
    }

    private sealed class TrackedTimer : ITimer
    {
        private readonly SteppingTimeProvider _owner;

        public TrackedTimer(SteppingTimeProvider owner, TimeSpan dueTime, TimeSpan period)
        {
            _owner = owner;
            Arm(dueTime, period);
        }

        public ITimer Inner { get; set; } = null!;

        public int Generation { get; private set; }

        public bool Pending { get; private set; }

        private bool OneShot { get; set; }

        public void Fire(object? state)
        {
            if (OneShot)
            {
                lock (_owner._gate)
                {
                    Pending = false;
                }
            }
            var (callback, inner) = ((TimerCallback, object?))state!;
            callback(inner);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (_owner._gate)
            {
                Pending = false;
            }
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_owner._gate)
            {
                Generation = _owner._generation;
                Pending = dueTime != Timeout.InfiniteTimeSpan;
                OneShot = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero;
            }
        }
    }
}
