using System.Globalization;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Logging;

/// <summary>
/// Writes Kafka's log4j layout ("[%d] %p %m (%c)%n"), so log lines of the stand-in read, and grep, like
/// a real broker's server.log. Logger categories are Kafka's class names (kafka.server.KafkaServer).
/// </summary>
internal sealed class KafkaLogFormatter(TextWriter output, TimeProvider time, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new KafkaLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                output.Flush();
            }
            catch (IOException)
            {
            }
        }
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var stamp = time.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        var levelName = level switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO",
            LogLevel.Warning => "WARN",
            LogLevel.Error => "ERROR",
            _ => "FATAL",
        };
        lock (_gate)
        {
            try
            {
                output.WriteLine($"[{stamp}] {levelName} {message} ({category})");
                if (exception is not null)
                {
                    output.WriteLine(JavaLine(exception));
                }
                output.Flush();
            }
            catch (IOException)
            {
                // As log4j: a full disk under server.log loses the line, never the broker.
            }
        }
    }

    // Kafka's logs show Java exceptions; the ones a broker operator greps for are mapped. Kafka 2.8 raises
    // ZooKeeper errors with KeeperException.create(code), so their message names no path.
    private static string JavaLine(Exception e) => e is KafkaAgent.ZooKeeper.ZooKeeperException z
        ? $"org.apache.zookeeper.KeeperException${z.Code}Exception: KeeperErrorCode = {z.Code}"
        : $"{JavaName(e)}: {e.Message}";

    private static string JavaName(Exception e) => e switch
    {
        InvalidOperationException => "java.lang.IllegalStateException",
        UnauthorizedAccessException => "java.nio.file.AccessDeniedException",
        DirectoryNotFoundException or FileNotFoundException => "java.nio.file.NoSuchFileException",
        IOException => "java.io.IOException",
        _ => e.GetType().FullName ?? e.GetType().Name,
    };

    private sealed class KafkaLogger(KafkaLogFormatter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }

    private readonly LogLevel _minimum = minimum;
}
