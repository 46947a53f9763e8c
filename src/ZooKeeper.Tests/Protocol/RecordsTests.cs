using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Session;
using KafkaAgent.ZooKeeper.Tests.Support;

namespace KafkaAgent.ZooKeeper.Tests.Protocol;

public class RecordsTests
{
    [Fact]
    public void ConnectRequest_WriteFrame_MatchesJuteLayoutWithReadOnlyFlag()
    {
        using var writer = new JuteWriter();
        var password = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        new ConnectRequest(0, 0x1122, 4000, 0x0abc, password, ReadOnly: false).WriteFrame(writer);

        var expected = new Bytes().Int(0).Long(0x1122).Int(4000).Long(0x0abc).Buffer(password).Bool(false).Framed();
        Assert.Equal(expected, writer.Written.ToArray());
    }

    [Fact]
    public void ConnectResponse_WithReadOnlyFlag_RoundTrips()
    {
        var bytes = new Bytes().Int(0).Int(6000).Long(0x55).Buffer([7, 7]).Bool(true).ToArray();
        var reader = new JuteReader(bytes);
        var response = ConnectResponse.Read(ref reader);

        Assert.Equal((0, 6000, 0x55L, true), (response.ProtocolVersion, response.TimeoutMs, response.SessionId, response.ReadOnly));
        Assert.Equal(new byte[] { 7, 7 }, response.Password);
        using var writer = new JuteWriter();
        response.WriteFrame(writer);
        Assert.Equal(new Bytes().Raw(bytes).Framed(), writer.Written.ToArray());
    }

    [Fact]
    public void ConnectResponse_WithoutReadOnlyFlag_ReadsAsReadWrite()
    {
        var bytes = new Bytes().Int(0).Int(0).Long(0).Buffer([]).ToArray();
        var reader = new JuteReader(bytes);

        var response = ConnectResponse.Read(ref reader);

        Assert.False(response.ReadOnly);
        Assert.Equal(0, response.TimeoutMs);
    }

    [Fact]
    public void ReplyHeader_Read_XidZxidErr()
    {
        var reader = new JuteReader(new Bytes().Int(-1).Long(-1).Int(-101).ToArray());

        Assert.Equal(new ReplyHeader(-1, -1, -101), ReplyHeader.Read(ref reader));
    }

    [Fact]
    public void WatcherEvent_RoundTrips()
    {
        var bytes = new Bytes().Int(3).Int(3).Str("/a/b").ToArray();
        var reader = new JuteReader(bytes);
        var record = WatcherEventRecord.Read(ref reader);
        using var writer = new JuteWriter();
        record.Write(writer);

        Assert.Equal(new WatcherEventRecord(3, 3, "/a/b"), record);
        Assert.Equal(bytes, writer.Written.ToArray());
    }

    [Fact]
    public void SetWatches_WriteFrame_HeaderXidMinus8AndThreeVectors()
    {
        using var writer = new JuteWriter();
        new SetWatchesRecord(0x42, ["/d"], [], ["/c1", "/c2"]).WriteFrame(writer);

        var expected = new Bytes().Int(-8).Int(101).Long(0x42).Int(1).Str("/d").Int(0).Int(2).Str("/c1").Str("/c2").Framed();
        Assert.Equal(expected, writer.Written.ToArray());
    }

    [Fact]
    public void SetWatchesBatch_ManyPaths_SplitsUnderLimitAndAddsChroot()
    {
        var paths = new ZooKeeperPath("/root");
        var data = Enumerable.Range(0, 20_000).Select(i => $"/node-{i:D10}").ToList();

        var batches = Handshake.Batch(7, paths, data, ["/e"], []).ToList();

        Assert.True(batches.Count > 1);
        Assert.All(batches, b => Assert.True(b.DataWatches.Sum(p => p.Length + 4) <= 128 * 1024));
        Assert.Equal(20_000, batches.Sum(b => b.DataWatches.Count));
        Assert.Equal("/root/node-0000000000", batches[0].DataWatches[0]);
        Assert.Equal(["/root/e"], batches[^1].ExistWatches);
        Assert.All(batches, b => Assert.Equal(7, b.RelativeZxid));
    }

    [Fact]
    public void OpenAcl_Write_WorldAnyoneAllPermissions()
    {
        using var writer = new JuteWriter();
        JuteCodec.WriteOpenAcl(writer);

        Assert.Equal(new Bytes().Int(1).Int(31).Str("world").Str("anyone").ToArray(), writer.Written.ToArray());
    }

    [Fact]
    public void AuthPacket_WriteFrame_XidMinus4Opcode100TypeSchemeAndCredentials()
    {
        using var writer = new JuteWriter();
        var auth = ZooKeeperAuth.Digest("agent", "pw");
        new AuthPacketRecord(auth.Scheme, auth.Data).WriteFrame(writer);

        var expected = new Bytes().Int(-4).Int(100).Int(0).Str("digest").Str("agent:pw").Framed();
        Assert.Equal(expected, writer.Written.ToArray());
    }

    [Fact]
    public void Acl_Write_EveryEntryPermsSchemeId()
    {
        using var writer = new JuteWriter();
        JuteCodec.WriteAcl(writer, [new ZooKeeperAcl(ZooKeeperPermissions.All, "digest", "agent:hash"), ZooKeeperAcl.WorldRead]);

        Assert.Equal(new Bytes().Int(2).Int(31).Str("digest").Str("agent:hash").Int(1).Str("world").Str("anyone").ToArray(), writer.Written.ToArray());
    }

    [Fact]
    public void DigestAcl_UserAndPassword_IdIsUserAndBase64Sha1OfUserColonPassword()
    {
        // The id the server's DigestAuthenticationProvider derives for "addauth digest super:secret".
        var acl = ZooKeeperAcl.Digest("super", "secret", ZooKeeperPermissions.Read);

        Assert.Equal("digest", acl.Scheme);
        Assert.Equal("super:lK75jTNcA+U9vtVEw5vB51mj/w4=", acl.Id); // printf 'super:secret' | openssl dgst -sha1 -binary | base64
        Assert.Equal(ZooKeeperPermissions.Read, acl.Permissions);
        Assert.DoesNotContain("secret", ZooKeeperAuth.Digest("super", "secret").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CreateMode.Persistent, 0)]
    [InlineData(CreateMode.Ephemeral, 1)]
    [InlineData(CreateMode.PersistentSequential, 2)]
    [InlineData(CreateMode.EphemeralSequential, 3)]
    public void ToFlags_EachMode_MatchesServerFlags(CreateMode mode, int flags)
    {
        Assert.Equal(flags, JuteCodec.ToFlags(mode));
    }
}
