using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Tests.Support;

namespace KafkaAgent.ZooKeeper.Tests.Protocol;

public class FrameReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1 << 20)]
    public async Task ReadFrameAsync_FramesInAnyChunking_ReturnsEachBody(int chunk)
    {
        var big = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
        var stream = new TrickleStream([.. new Bytes().Int(1).Framed(), .. new Bytes().Framed(), .. new Bytes().Raw(big).Framed(), .. new Bytes().Int(2).Framed()], chunk);
        using var reader = new FrameReader(stream, 300_000);

        Assert.Equal(new Bytes().Int(1).ToArray(), (await reader.ReadFrameAsync(default)).ToArray());
        Assert.Equal(0, (await reader.ReadFrameAsync(default)).Length);
        Assert.Equal(big, (await reader.ReadFrameAsync(default)).ToArray());
        Assert.Equal(new Bytes().Int(2).ToArray(), (await reader.ReadFrameAsync(default)).ToArray());
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadFrameAsync(default));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(1001)]
    [InlineData(int.MaxValue)]
    public async Task ReadFrameAsync_LengthOutsideLimit_ThrowsProtocolException(int length)
    {
        var stream = new TrickleStream(new Bytes().Int(length).Raw(new byte[64]).ToArray(), 1 << 16);
        using var reader = new FrameReader(stream, 1000);

        await Assert.ThrowsAsync<ZooKeeperProtocolException>(async () => await reader.ReadFrameAsync(default));
    }

    [Fact]
    public async Task ReadFrameAsync_LengthAtLimit_Accepted()
    {
        var stream = new TrickleStream(new Bytes().Raw(new byte[1000]).Framed(), 100);
        using var reader = new FrameReader(stream, 1000);

        Assert.Equal(1000, (await reader.ReadFrameAsync(default)).Length);
    }

    [Fact]
    public async Task ReadFrameAsync_StreamEndsMidFrame_ThrowsEndOfStream()
    {
        var framed = new Bytes().Raw(new byte[100]).Framed();
        var stream = new TrickleStream(framed[..50], 7);
        using var reader = new FrameReader(stream, 1000);

        var error = await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadFrameAsync(default));
        Assert.Contains("middle of a frame", error.Message, StringComparison.Ordinal);
    }
}
