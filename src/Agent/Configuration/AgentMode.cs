namespace KafkaAgent.Configuration;

/// <summary>mode: heal acts on what it finds; observe plans everything and records what it would have done.</summary>
internal enum AgentMode
{
    Heal,
    Observe,
}
