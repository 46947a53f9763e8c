using System.Globalization;

namespace KafkaAgent.Sandbox.Broker;

/// <summary>
/// Faults the stand-in plays on command, read from its control file (sandbox.control.file), one per line:
/// <c>zombie</c> (drop the ZooKeeper session, stay up, do not re-register), <c>hung</c> (listener
/// accepts and reads but never answers), <c>slow-start=SECONDS</c> (log recovery takes that long at a start
/// that follows an unclean shutdown, i.e. when a log dir has no .kafka_cleanshutdown).
/// </summary>
internal sealed record FaultModes(bool Zombie, bool Hung, TimeSpan SlowStart)
{
    public static readonly FaultModes None = new(false, false, TimeSpan.Zero);

    public static FaultModes Parse(string text)
    {
        var modes = None;
        foreach (var raw in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var line = raw.Split('#', 2)[0].Trim();
            if (line == "zombie")
            {
                modes = modes with { Zombie = true };
            }
            else if (line == "hung")
            {
                modes = modes with { Hung = true };
            }
            else if (line.StartsWith("slow-start=", StringComparison.Ordinal)
                && double.TryParse(line["slow-start=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                modes = modes with { SlowStart = TimeSpan.FromSeconds(seconds) };
            }
        }
        return modes;
    }

    /// <summary>The modes in the file, or none when there is no file (or it cannot be read).</summary>
    public static FaultModes Read(string? path)
    {
        if (path is null)
        {
            return None;
        }
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return None;
        }
    }

    public string Describe() => this == None
        ? "none"
        : string.Join(",", new[] { Zombie ? "zombie" : null, Hung ? "hung" : null, SlowStart > TimeSpan.Zero ? $"slow-start={SlowStart.TotalSeconds.ToString(CultureInfo.InvariantCulture)}" : null }.Where(s => s is not null));

    public string ToFileText() => this == None ? string.Empty : Describe().Replace(',', '\n') + "\n";
}
