using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Tests.Support;

namespace KafkaAgent.ZooKeeper.Tests.Protocol;

public class JuteWriterTests
{
    [Fact]
    public void WriteFrame_Primitives_MatchHandBuiltLayout()
    {
        using var writer = new JuteWriter(8);
        writer.BeginFrame();
        writer.WriteInt(7);
        writer.WriteLong(-3);
        writer.WriteBool(true);
        writer.WriteString("héllo");
        writer.WriteBuffer([1, 2, 3]);
        writer.WriteStringVector(["x", "yz"]);
        var length = writer.EndFrame();

        var expected = new Bytes().Int(7).Long(-3).Bool(true).Str("héllo").Buffer([1, 2, 3]).Int(2).Str("x").Str("yz").Framed();
        Assert.Equal(expected, writer.Written.ToArray());
        Assert.Equal(expected.Length - 4, length);
    }

    [Fact]
    public void AbandonFrame_AfterEarlierFrame_KeepsOnlyEarlierFrame()
    {
        using var writer = new JuteWriter(8);
        writer.BeginFrame();
        writer.WriteInt(1);
        writer.EndFrame();
        writer.BeginFrame();
        writer.WriteBuffer(new byte[100]);
        writer.AbandonFrame();

        Assert.Equal(new Bytes().Int(1).Framed(), writer.Written.ToArray());
    }

    [Fact]
    public void Write_BeyondInitialSize_GrowsAndKeepsContent()
    {
        using var writer = new JuteWriter(16);
        var data = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        writer.WriteBuffer(data);

        Assert.Equal(new Bytes().Buffer(data).ToArray(), writer.Written.ToArray());
    }
}
