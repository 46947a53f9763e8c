using System.Buffers.Binary;

namespace KafkaAgent.ZooKeeper.Tests.Fuzz;

/// <summary>Deterministic mutations of valid frames: bit flips, hostile ints, truncation, extension, or plain noise.</summary>
internal static class FrameMutator
{
    private static readonly int[] HostileInts = [-1, -2, 0, 1, int.MaxValue, int.MinValue, 0xfffff, 0x100000, 16, 68, 1 << 24];

    public static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            bytes = random.Next(6) switch
            {
                0 => FlipBit(bytes, random),
                1 => HostileInt(bytes, random),
                2 => bytes[..random.Next(bytes.Length + 1)],
                3 => [.. bytes, .. Noise(random, random.Next(1, 64))],
                4 => RandomByte(bytes, random),
                _ => Noise(random, random.Next(0, 128)),
            };
        }

        return bytes;
    }

    public static byte[] Noise(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipBit(byte[] bytes, Random random)
    {
        if (bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return bytes;
    }

    private static byte[] RandomByte(byte[] bytes, Random random)
    {
        if (bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    /// <summary>Overwrites an aligned or unaligned int (often a length or count) with a value a hostile server would pick.</summary>
    private static byte[] HostileInt(byte[] bytes, Random random)
    {
        if (bytes.Length >= 4)
        {
            var at = random.Next(bytes.Length - 3);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), HostileInts[random.Next(HostileInts.Length)]);
        }

        return bytes;
    }
}
