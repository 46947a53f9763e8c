namespace KafkaAgent.State;

/// <summary>The state directory cannot be used (missing permission, lock held too long, disk full); the message names the path.</summary>
internal sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);
