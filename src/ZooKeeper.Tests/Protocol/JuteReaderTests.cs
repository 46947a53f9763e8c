using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Tests.Support;

namespace KafkaAgent.ZooKeeper.Tests.Protocol;

public class JuteReaderTests
{
    [Fact]
    public void ReadPrimitives_BigEndianLayout_ReadsValues()
    {
        var bytes = new Bytes().Int(-2).Long(0x0102030405060708).Bool(true).Bool(false).Str("ünï").Buffer([9, 8]).ToArray();
        var reader = new JuteReader(bytes);

        Assert.Equal(-2, reader.ReadInt());
        Assert.Equal(0x0102030405060708, reader.ReadLong());
        Assert.True(reader.ReadBool());
        Assert.False(reader.ReadBool());
        Assert.Equal("ünï", reader.ReadString());
        Assert.Equal(new byte[] { 9, 8 }, reader.ReadBuffer());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void ReadStat_SixtyEightBytes_MapsEveryFieldInOrder()
    {
        var bytes = new Bytes().Stat().ToArray();
        var reader = new JuteReader(bytes);

        Assert.Equal(68, bytes.Length);
        Assert.Equal(Bytes.ExpectedStat, reader.ReadStat());
    }

    [Fact]
    public void ReadNullStringAndBuffer_MinusOneLength_ReadsNullAndEmpty()
    {
        var bytes = new Bytes().Int(-1).Int(-1).ToArray();
        var reader = new JuteReader(bytes);

        Assert.Null(reader.ReadString());
        Assert.Empty(reader.ReadBuffer());
    }

    [Fact]
    public void ReadStringVector_Elements_ReadsInOrder()
    {
        var bytes = new Bytes().Int(3).Str("a").Str("bb").Str("").ToArray();
        var reader = new JuteReader(bytes);

        Assert.Equal(["a", "bb", ""], reader.ReadStringVector());
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    public void ReadString_ImpossibleLength_ThrowsProtocolException(int length)
    {
        var bytes = new Bytes().Int(length).Raw(1, 2, 3).ToArray();

        Assert.Throws<ZooKeeperProtocolException>(() => new JuteReader(bytes).ReadString());
        Assert.Throws<ZooKeeperProtocolException>(() => new JuteReader(bytes).ReadBuffer());
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void ReadStringVector_ImpossibleCount_ThrowsBeforeAllocating(int count)
    {
        var bytes = new Bytes().Int(count).Str("a").ToArray();

        Assert.Throws<ZooKeeperProtocolException>(() => new JuteReader(bytes).ReadStringVector());
    }

    [Fact]
    public void ReadStringVector_NullElement_ThrowsProtocolException()
    {
        var bytes = new Bytes().Int(1).Int(-1).ToArray();

        Assert.Throws<ZooKeeperProtocolException>(() => new JuteReader(bytes).ReadStringVector());
    }

    [Fact]
    public void ReadLong_TruncatedFrame_ThrowsProtocolException()
    {
        var bytes = new byte[7];

        Assert.Throws<ZooKeeperProtocolException>(() => new JuteReader(bytes).ReadLong());
    }
}
