using KafkaAgent.Probes.Ownership;

namespace KafkaAgent.Tests.Probes.Ownership;

public sealed class OwnershipScheduleTests
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(60), Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(300, 60)]     // 0.3 s of CPU at 0.5% -> every 60 s
    [InlineData(1000, 200)]   // 1 s -> 200 s
    [InlineData(5, 60)]       // tiny trees: the minimum
    [InlineData(60000, 3600)] // huge trees: the maximum
    public void NextInterval_CostOverBudget_ClampedToRange(int cpuMs, int expectedSeconds)
    {
        var interval = OwnershipSchedule.NextInterval(TimeSpan.FromMilliseconds(cpuMs), 0.005, Min, Max);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), interval);
    }
}
