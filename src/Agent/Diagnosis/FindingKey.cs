
namespace KafkaAgent.Diagnosis;

/// <summary>
/// What makes two findings "the same one" across cycles: the id and what it is about (a path, a broker, an
/// endpoint), never the summary text, whose numbers move every cycle.
/// </summary>
internal readonly record struct FindingKey(string Id, string Subject)
{
    // Evidence keys that name what a finding is about, most specific first.
    private static readonly string[] SubjectKeys = ["path", "broker_id", "endpoint", "connect", "action"];

    public static FindingKey Of(Finding finding)
    {
        foreach (var key in SubjectKeys)
        {
            if (finding.Evidence.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value))
            {
                return new FindingKey(finding.Id, value);
            }
        }

        return new FindingKey(finding.Id, "");
    }

    public override string ToString() => Subject.Length == 0 ? Id : $"{Id} ({Subject})";
}
