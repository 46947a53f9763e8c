using System.Diagnostics.Metrics;

namespace KafkaAgent.Tests.Support;

/// <summary>A hand-written <see cref="IMeterFactory"/>: meters scoped to one test, disposed with it.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (meters)
        {
            meters.Add(meter);
        }
        return meter;
    }

    public void Dispose()
    {
        lock (meters)
        {
            meters.ForEach(m => m.Dispose());
            meters.Clear();
        }
    }
}
