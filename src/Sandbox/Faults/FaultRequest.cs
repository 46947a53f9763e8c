namespace KafkaAgent.Sandbox.Faults;

/// <summary>A fault to inject: its name and options (host defaults to 1).</summary>
internal sealed record FaultRequest(string Name)
{
    public int Host { get; init; } = 1;
    public int Files { get; init; } = 3;
    public bool All { get; init; }
    public string Owner { get; init; } = "root";
    public double Percent { get; init; } = 100;
    public double Seconds { get; init; } = 20;

    /// <summary>What disk-fill fills with: segments (partition data) or app-logs (hourly server.log parts).</summary>
    public string With { get; init; } = "segments";
}

/// <summary>What a fault did, in words an operator (or a test) can check.</summary>
internal sealed record FaultReport(string Fault, int Host, string Summary, IReadOnlyList<string> Details);
