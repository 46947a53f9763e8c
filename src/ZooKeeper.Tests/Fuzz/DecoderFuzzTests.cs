using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Requests;
using KafkaAgent.ZooKeeper.Session;
using KafkaAgent.ZooKeeper.Tests.Support;
using KafkaAgent.ZooKeeper.Watches;

namespace KafkaAgent.ZooKeeper.Tests.Fuzz;

/// <summary>
/// Thousands of random and mutated reply frames through every decoder: each must decode or fail
/// with <see cref="ZooKeeperProtocolException"/>, never anything else, and never allocate much more
/// than the frame's own size. Deterministic seed; bounded in count and time.
/// </summary>
public class DecoderFuzzTests
{
    private const int Seed = 0x5eed;
    private const int Cases = 30_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);
    private static readonly ZooKeeperPath Paths = new("/chroot");

    private static readonly (string Name, Func<Request?> Request, byte[] Frame)[] Seeds =
    [
        ("getData", () => new GetDataRequest("/a", "/chroot/a", _ => { }), Reply(new Bytes().Buffer([1, 2, 3]).Stat())),
        ("exists", () => new ExistsRequest("/a", "/chroot/a", _ => { }), Reply(new Bytes().Stat())),
        ("exists-none", () => new ExistsRequest("/a", "/chroot/a", null), Reply(new Bytes(), -101)),
        ("children", () => new GetChildrenRequest("/a", "/chroot/a", _ => { }), Reply(new Bytes().Int(3).Str("x").Str("yy").Str("zzz").Stat())),
        ("create", () => new CreateRequest("/a", "/chroot/a", default, CreateMode.PersistentSequential), Reply(new Bytes().Str("/chroot/a0000000001"))),
        ("setData", () => new SetDataRequest("/a", "/chroot/a", default, -1), Reply(new Bytes().Stat())),
        ("delete", () => new DeleteRequest("/a", "/chroot/a", -1), Reply(new Bytes())),
        ("multi", () => new MultiRequest([Op.Create("/n", default), Op.SetData("/s", default), Op.Delete("/d"), Op.Check("/c", 1)], Paths), Reply(new Bytes()
            .Int(1).Bool(false).Int(0).Str("/chroot/n").Int(5).Bool(false).Int(0).Stat()
            .Int(2).Bool(false).Int(0).Int(13).Bool(false).Int(0).Int(-1).Bool(true).Int(-1))),
        ("multi-error", () => new MultiRequest([Op.Check("/c", 1), Op.Delete("/d")], Paths), Reply(new Bytes()
            .Int(-1).Bool(false).Int(-103).Int(-103).Int(-1).Bool(false).Int(-2).Int(-2).Int(-1).Bool(true).Int(-1))),
        ("notification", () => null, new Bytes().Int(-1).Long(-1).Int(0).Int(3).Int(3).Str("/chroot/a").ToArray()),
        ("connect", () => null, new Bytes().Int(0).Int(4000).Long(1).Buffer(new byte[16]).Bool(false).ToArray()),
    ];

    [Fact]
    public void Decoders_RandomAndMutatedFrames_OnlyProtocolErrors()
    {
        var random = new Random(Seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (decoded, rejected) = (0, 0);
        for (var i = 0; i < Cases && clock.Elapsed < Budget; i++)
        {
            var (name, factory, seed) = Seeds[random.Next(Seeds.Length)];
            var frame = random.Next(10) == 0 ? FrameMutator.Noise(random, random.Next(256)) : FrameMutator.Mutate(seed, random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                Decode(name, factory(), frame);
                decoded++;
            }
            catch (ZooKeeperProtocolException)
            {
                rejected++;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < (64 * frame.Length) + (64 * 1024), $"{name} case {i}: {allocated} bytes allocated for a {frame.Length}-byte frame");
        }

        Assert.True(decoded + rejected >= 1000, $"only {decoded + rejected} cases ran");
        Assert.True(decoded > 0 && rejected > 0, $"decoded {decoded}, rejected {rejected}: the mutations should produce both");
    }

    [Fact]
    public async Task FrameReader_RandomStreams_OnlyProtocolErrorOrEndOfStream()
    {
        var random = new Random(Seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3000 && clock.Elapsed < Budget; i++)
        {
            var valid = Seeds[random.Next(Seeds.Length)].Frame;
            byte[] stream = random.Next(3) switch
            {
                0 => FrameMutator.Noise(random, random.Next(512)),
                1 => FrameMutator.Mutate(new Bytes().Raw(valid).Framed(), random),
                _ => [.. new Bytes().Raw(valid).Framed(), .. FrameMutator.Mutate(new Bytes().Raw(valid).Framed(), random)],
            };
            using var reader = new FrameReader(new TrickleStream(stream, 1 + random.Next(64)), 4096);
            var frames = 0;
            while (true)
            {
                try
                {
                    var frame = await reader.ReadFrameAsync(default);
                    Assert.InRange(frame.Length, 0, 4096);
                    Assert.True(++frames <= stream.Length / 4, "a frame costs at least its 4-byte length");
                }
                catch (ZooKeeperProtocolException)
                {
                    break;
                }
                catch (EndOfStreamException)
                {
                    break;
                }
            }
        }
    }

    private static void Decode(string name, Request? request, byte[] frame)
    {
        var reader = new JuteReader(frame);
        if (name == "connect")
        {
            ConnectResponse.Read(ref reader);
            return;
        }

        var header = ReplyHeader.Read(ref reader);
        if (request is null)
        {
            WatcherEventRecord.Read(ref reader);
            return;
        }

        request.Complete(header, ref reader, new RequestContext(Paths, new WatchRegistry()));
        Assert.True(request.IsCompleted, $"{name}: a decoded reply completes the caller's wait");
    }

    private static byte[] Reply(Bytes body, int err = 0) => new Bytes().Int(1).Long(5).Int(err).Raw(body.ToArray()).ToArray();
}
