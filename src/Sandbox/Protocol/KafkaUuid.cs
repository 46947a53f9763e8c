using System.Buffers.Binary;
using System.Security.Cryptography;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>Kafka's Uuid: two longs on the wire, URL-safe base64 without padding (22 chars) in JSON and logs.</summary>
internal readonly record struct KafkaUuid(long MostSignificantBits, long LeastSignificantBits)
{
    public static readonly KafkaUuid Zero = new(0, 0);

    public static KafkaUuid NewRandom()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        // Version 4 / IETF variant bits, as java.util.UUID.randomUUID sets them.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return FromBytes(bytes);
    }

    public static KafkaUuid Parse(string text)
    {
        var b64 = text.Replace('-', '+').Replace('_', '/');
        b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
        var bytes = Convert.FromBase64String(b64);
        if (bytes.Length != 16)
        {
            throw new FormatException($"'{text}' is not a 16-byte Kafka Uuid");
        }
        return FromBytes(bytes);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, MostSignificantBits);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], LeastSignificantBits);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static KafkaUuid FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
}
