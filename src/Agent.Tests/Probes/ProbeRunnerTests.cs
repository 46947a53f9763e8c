using KafkaAgent.Probes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Probes;

public sealed class ProbeRunnerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger _logger = new();

    [Fact]
    public async Task RunAsync_ProbeReturns_FactsWithItsDurationNothingLogged()
    {
        var probe = new DelegateProbe(_ =>
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult("facts");
        });

        var outcome = await ProbeRunner.RunAsync(probe, _time, _logger, CancellationToken.None);

        Assert.Equal("facts", outcome.Facts);
        Assert.Equal(TimeSpan.FromSeconds(2), outcome.Duration);
        Assert.Null(outcome.Failure);
        Assert.Equal(0, _logger.Collector.Count);
    }

    [Fact]
    public async Task RunAsync_ProbeThrows_ErrorLoggedWithExceptionAndFailureOutcome()
    {
        var bug = new InvalidOperationException("index out of step");
        var probe = new DelegateProbe(_ => throw bug);

        var outcome = await ProbeRunner.RunAsync(probe, _time, _logger, CancellationToken.None);

        Assert.Null(outcome.Facts);
        Assert.Equal("probe failed: InvalidOperationException: index out of step", outcome.Failure);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal(5000, record.Id.Id);
        Assert.Same(bug, record.Exception);
        Assert.Contains(nameof(DelegateProbe), record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProbeTimesOutOnItsOwn_FailureOutcomeNotCancellation()
    {
        var probe = new DelegateProbe(_ => throw new OperationCanceledException("its own deadline"));

        var outcome = await ProbeRunner.RunAsync(probe, _time, _logger, CancellationToken.None);

        Assert.Equal("probe failed: OperationCanceledException: its own deadline", outcome.Failure);
        Assert.Single(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RunAsync_CallerCancels_CancellationPropagatesNothingLogged()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var probe = new DelegateProbe(ct => Task.FromCanceled<string>(ct));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProbeRunner.RunAsync(probe, _time, _logger, cancel.Token));
        Assert.Equal(0, _logger.Collector.Count);
    }

    private sealed class DelegateProbe(Func<CancellationToken, Task<string>> run) : IProbe<string>
    {
        public Task<string> ProbeAsync(CancellationToken cancellationToken) => run(cancellationToken);
    }
}
