namespace KafkaAgent.Platform;

internal sealed record ServiceActionResult(bool Succeeded, string Detail); // Detail: one journal line
