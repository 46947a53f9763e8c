namespace KafkaAgent.Diagnosis;

/// <summary>OK, WARNING, CRITICAL or UNKNOWN: the Nagios vocabulary, and the exit code of <c>check</c>.</summary>
internal enum CycleStatus
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}
