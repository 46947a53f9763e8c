using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>How <c>kafka-agent run</c> writes its log lines.</summary>
internal sealed class LoggingOptions
{
    /// <summary>text: one readable line per event (systemd's console format under systemd); json: one JSON object per line.</summary>
    [ConfigurationKeyName("format")]
    public string Format { get; set; } = "text";
}
