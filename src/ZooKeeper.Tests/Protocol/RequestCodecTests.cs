using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Requests;
using KafkaAgent.ZooKeeper.Session;
using KafkaAgent.ZooKeeper.Tests.Support;
using KafkaAgent.ZooKeeper.Watches;

namespace KafkaAgent.ZooKeeper.Tests.Protocol;

public class RequestCodecTests
{
    private static readonly RequestContext Context = new(new ZooKeeperPath("/chroot"), new WatchRegistry());

    [Fact]
    public void GetData_Body_PathAndWatchFlag()
    {
        Assert.Equal(new Bytes().Str("/chroot/a").Bool(true).ToArray(), Body(new GetDataRequest("/a", "/chroot/a", _ => { })));
        Assert.Equal(new Bytes().Str("/chroot/a").Bool(false).ToArray(), Body(new GetDataRequest("/a", "/chroot/a", null)));
    }

    [Fact]
    public async Task GetData_Reply_DataAndStat()
    {
        var request = new GetDataRequest("/a", "/chroot/a", null);
        Complete(request, 0, new Bytes().Buffer([1, 2, 3]).Stat());

        Assert.Equal(new byte[] { 1, 2, 3 }, (await request.Task).Data);
        Assert.Equal(Bytes.ExpectedStat, (await request.Task).Stat);
    }

    [Fact]
    public async Task GetData_ErrorReply_FailsWithCodeAndCallerPath()
    {
        var request = new GetDataRequest("/a", "/chroot/a", null);
        Complete(request, -101, new Bytes());

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => request.Task);
        Assert.Equal((ZooKeeperErrorCode.NoNode, "/a"), (error.Code, error.Path));
    }

    [Fact]
    public async Task Exists_NoNodeReply_NullAndExistWatch()
    {
        var context = new RequestContext(new ZooKeeperPath(null), new WatchRegistry());
        var request = new ExistsRequest("/a", "/a", _ => { });
        Complete(request, -101, new Bytes(), context);

        Assert.Null((await request.Task));
        Assert.Equal(["/a"], context.Watches.Paths().Exist);
    }

    [Fact]
    public async Task Exists_OkReply_StatAndDataWatch()
    {
        var context = new RequestContext(new ZooKeeperPath(null), new WatchRegistry());
        var request = new ExistsRequest("/a", "/a", _ => { });
        Complete(request, 0, new Bytes().Stat(), context);

        Assert.Equal(Bytes.ExpectedStat, (await request.Task));
        Assert.Equal(["/a"], context.Watches.Paths().Data);
    }

    [Fact]
    public async Task GetChildren2_Reply_ChildrenAndStat()
    {
        var request = new GetChildrenRequest("/", "/chroot", null);
        Assert.Equal(new Bytes().Str("/chroot").Bool(false).ToArray(), Body(request));
        Complete(request, 0, new Bytes().Int(2).Str("x").Str("y").Stat());

        Assert.Equal(["x", "y"], (await request.Task).Children);
        Assert.Equal(Bytes.ExpectedStat, (await request.Task).Stat);
    }

    [Fact]
    public async Task Create_BodyAndReply_OpenAclFlagsAndChrootStripped()
    {
        var request = new CreateRequest("/s-", "/chroot/s-", new byte[] { 5 }, CreateMode.EphemeralSequential, ZooKeeperAcl.OpenUnsafe);
        var expected = new Bytes().Str("/chroot/s-").Buffer([5]).Int(1).Int(31).Str("world").Str("anyone").Int(3).ToArray();
        Assert.Equal(expected, Body(request));

        Complete(request, 0, new Bytes().Str("/chroot/s-0000000007"));
        Assert.Equal("/s-0000000007", (await request.Task));
    }

    [Fact]
    public async Task SetData_BodyAndReply_VersionAndStat()
    {
        var request = new SetDataRequest("/a", "/chroot/a", new byte[] { 1 }, 4);
        Assert.Equal(new Bytes().Str("/chroot/a").Buffer([1]).Int(4).ToArray(), Body(request));

        Complete(request, 0, new Bytes().Stat());
        Assert.Equal(Bytes.ExpectedStat, (await request.Task));
    }

    [Fact]
    public void Delete_BodyAndReply_PathAndVersion()
    {
        var request = new DeleteRequest("/a", "/chroot/a", -1);
        Assert.Equal(new Bytes().Str("/chroot/a").Int(-1).ToArray(), Body(request));

        Complete(request, 0, new Bytes());
        Assert.True(request.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void Multi_Body_HeadersBodiesAndTerminator()
    {
        var request = new MultiRequest([Op.Create("/n", new byte[] { 1 }), Op.Delete("/d", 2), Op.SetData("/s", new byte[] { 3 }, 4), Op.Check("/c", 5)], Context.Paths);

        var expected = new Bytes()
            .Int(1).Bool(false).Int(-1).Str("/chroot/n").Buffer([1]).Int(1).Int(31).Str("world").Str("anyone").Int(0)
            .Int(2).Bool(false).Int(-1).Str("/chroot/d").Int(2)
            .Int(5).Bool(false).Int(-1).Str("/chroot/s").Buffer([3]).Int(4)
            .Int(13).Bool(false).Int(-1).Str("/chroot/c").Int(5)
            .Int(-1).Bool(true).Int(-1)
            .ToArray();
        Assert.Equal(expected, Body(request));
    }

    [Fact]
    public async Task Multi_SuccessReply_OneResultPerOp()
    {
        var request = new MultiRequest([Op.Create("/n", default), Op.Delete("/d"), Op.SetData("/s", default), Op.Check("/c", 1)], Context.Paths);
        Complete(request, 0, new Bytes()
            .Int(1).Bool(false).Int(0).Str("/chroot/n")
            .Int(2).Bool(false).Int(0)
            .Int(5).Bool(false).Int(0).Stat()
            .Int(13).Bool(false).Int(0)
            .Int(-1).Bool(true).Int(-1));

        Assert.Equal(
            [new CreateResult("/n"), new DeleteResult(), new SetDataResult(Bytes.ExpectedStat), new CheckResult()],
            (await request.Task));
    }

    [Fact]
    public async Task Multi_FailedReply_ThrowsWithPerOpResultsAndFailingPath()
    {
        var request = new MultiRequest([Op.Create("/n", default), Op.Check("/c", 9), Op.Delete("/d")], Context.Paths);
        Complete(request, 0, new Bytes()
            .Int(-1).Bool(false).Int(0).Int(0)
            .Int(-1).Bool(false).Int(-103).Int(-103)
            .Int(-1).Bool(false).Int(-2).Int(-2)
            .Int(-1).Bool(true).Int(-1));

        var error = await Assert.ThrowsAsync<ZooKeeperMultiException>(() => request.Task);
        Assert.Equal((ZooKeeperErrorCode.BadVersion, "/c"), (error.Code, error.Path));
        Assert.Equal(
            [new ErrorResult(ZooKeeperErrorCode.Ok), new ErrorResult(ZooKeeperErrorCode.BadVersion), new ErrorResult(ZooKeeperErrorCode.RuntimeInconsistency)],
            error.Results);
    }

    [Fact]
    public void Multi_MoreResultsThanOps_ThrowsProtocolException()
    {
        var request = new MultiRequest([Op.Check("/c", 1)], Context.Paths);

        Assert.Throws<ZooKeeperProtocolException>(() => Complete(request, 0, new Bytes()
            .Int(13).Bool(false).Int(0)
            .Int(13).Bool(false).Int(0)
            .Int(-1).Bool(true).Int(-1)));
    }

    private static byte[] Body(Request request)
    {
        using var writer = new JuteWriter();
        request.WriteBody(writer);
        return writer.Written.ToArray();
    }

    private static void Complete(Request request, int err, Bytes body, RequestContext? context = null)
    {
        var bytes = body.ToArray();
        var reader = new JuteReader(bytes);
        request.Complete(new ReplyHeader(1, 1, err), ref reader, context ?? Context);
    }
}
