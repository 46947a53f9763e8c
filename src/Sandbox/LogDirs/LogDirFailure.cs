namespace KafkaAgent.Sandbox.LogDirs;

/// <summary>Why a log dir went offline, as Kafka's LogDirFailureChannel reports it.</summary>
internal sealed record LogDirFailure(string LogDir, string Message, Exception Cause);

/// <summary>Raised when the broker must stop because of its log dirs (Kafka: Exit.halt(1)).</summary>
internal sealed class FatalBrokerException : Exception
{
    public FatalBrokerException()
    {
    }

    public FatalBrokerException(string message)
        : base(message)
    {
    }

    public FatalBrokerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
