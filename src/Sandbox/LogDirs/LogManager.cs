using System.Globalization;
using System.Text;
using KafkaAgent.Sandbox.Config;
using KafkaAgent.Sandbox.Protocol;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.LogDirs;

/// <summary>
/// The log dirs as Kafka 2.8's LogManager treats them: created when missing, locked (.lock), loaded
/// (every segment opened read-write), checkpointed periodically. A dir that fails any of it goes
/// offline; when none is left the broker halts with Kafka's message. A clean shutdown leaves
/// .kafka_cleanshutdown in every live dir; loading deletes it first, so a broker stopped or crashed
/// while loading recovers again on its next start (KAFKA-10471), and only a dir without it recovers.
/// </summary>
internal sealed class LogManager : IDisposable
{
    private static readonly string[] SegmentSuffixes = [".log", ".index", ".timeindex"];
    private static readonly string[] IndexSuffixes = [".index", ".timeindex"];
    private static readonly string[] CheckpointFiles = ["recovery-point-offset-checkpoint", "log-start-offset-checkpoint", MetaProperties.FileName];
    private const long IndexPreallocation = 10 * 1024 * 1024; // segment.index.bytes, preallocated sparse as Kafka does

    /// <summary>Log.CleanShutdownFile in Kafka 2.8.</summary>
    public const string CleanShutdownFile = ".kafka_cleanshutdown";

    // How .NET reports an flock(LOCK_EX) held by another process on a FileShare.None open.
    private const int SharingViolation = unchecked((int)0x80070020);

    private readonly BrokerConfig _config;
    private readonly ILogger _logger;
    private readonly ILogger _failureLogger;
    private readonly ILogger _logLogger;
    private readonly TimeProvider _time;
    private readonly List<string> _live = [];
    private readonly Dictionary<string, FileStream> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _partitionDirs = new(StringComparer.Ordinal);

    public LogManager(BrokerConfig config, ILoggerFactory loggers, TimeProvider time)
    {
        _config = config;
        _time = time;
        _logger = loggers.CreateLogger("kafka.log.LogManager");
        _failureLogger = loggers.CreateLogger("kafka.server.LogDirFailureChannel");
        _logLogger = loggers.CreateLogger("kafka.log.Log");
    }

    /// <summary>True once loading began: from then on the clean-shutdown markers are gone until <see cref="Shutdown"/>.</summary>
    public bool LoadingStarted { get; private set; }

    public IReadOnlyList<string> LiveDirs => _live;

    /// <summary>createAndValidateLogDirs: a dir that cannot be created or is not a readable directory is offline.</summary>
    public void CreateAndValidate()
    {
        foreach (var dir in _config.LogDirs)
        {
            try
            {
                if (!Directory.Exists(dir))
                {
                    if (File.Exists(dir))
                    {
                        throw new IOException($"{dir} is not a readable log directory.");
                    }
                    Log.CreatingLogDir(_logger, dir);
                    Directory.CreateDirectory(dir);
                }
                _ = Directory.EnumerateFileSystemEntries(dir).Take(1).ToList(); // canRead
                _live.Add(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogDirFailed(_failureLogger, $"Failed to create or validate data directory {dir}", e);
            }
        }
        if (_live.Count == 0)
        {
            throw new FatalBrokerException($"Shutdown broker because none of the specified log dirs from {string.Join(", ", _config.LogDirs)} can be created or validated");
        }
    }

    /// <summary>Locks every live dir and opens every segment read-write, as log loading does.</summary>
    public async Task LockAndLoadAsync(TimeSpan recoveryDelay, CancellationToken ct)
    {
        foreach (var dir in _live.ToList())
        {
            try
            {
                _locks[dir] = new FileStream(Path.Combine(dir, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e.HResult == SharingViolation || e.Message.Contains("used by another process", StringComparison.Ordinal))
            {
                throw new FatalBrokerException($"Failed to acquire lock on file .lock in {dir}. A Kafka instance in another process or thread is using this directory.", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Offline(new LogDirFailure(dir, $"Disk error while locking directory {dir}", e));
            }
        }
        Log.LoadingLogs(_logger, string.Join(", ", _live));
        LoadingStarted = true;
        var started = _time.GetTimestamp();
        var unclean = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in _live.ToList())
        {
            try
            {
                var marker = Path.Combine(dir, CleanShutdownFile);
                if (File.Exists(marker))
                {
                    Log.SkippingRecovery(_logger, dir);
                    File.Delete(marker);
                }
                else
                {
                    Log.AttemptingRecovery(_logger, dir);
                    unclean.Add(dir);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Offline(new LogDirFailure(dir, $"Error while loading log dir {dir}", e));
            }
        }
        if (recoveryDelay > TimeSpan.Zero && unclean.Count > 0)
        {
            // The slow-start fault: log recovery after an unclean shutdown takes this long.
            Log.RecoveringLogs(_logger, recoveryDelay.TotalSeconds);
            await Task.Delay(recoveryDelay, _time, ct);
        }
        var loaded = 0;
        foreach (var dir in _live.ToList())
        {
            try
            {
                loaded += LoadDir(dir, unclean.Contains(dir));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Offline(new LogDirFailure(dir, $"Error while loading log dir {dir}", e));
            }
        }
        Log.LogsLoaded(_logger, loaded, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    private int LoadDir(string dir, bool recover)
    {
        var loaded = 0;
        foreach (var name in CheckpointFiles)
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                using var _ = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
        }
        foreach (var partitionDir in Directory.EnumerateDirectories(dir))
        {
            if (new FileInfo(partitionDir).LinkTarget is not null)
            {
                continue; // never follow a symlink out of the log dir
            }
            foreach (var file in Directory.EnumerateFiles(partitionDir))
            {
                if (SegmentSuffixes.Contains(Path.GetExtension(file)))
                {
                    using var _ = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                }
            }
            var name = Path.GetFileName(partitionDir);
            if (recover && name.LastIndexOf('-') > 0)
            {
                Log.RecoveringSegment(_logLogger, name, dir);
            }
            _partitionDirs[name] = dir;
            loaded++;
        }
        return loaded;
    }

    /// <summary>Checks meta.properties against the configured id and ZooKeeper's cluster id, then rewrites it.</summary>
    public void CheckAndWriteMeta(int brokerId, string clusterId)
    {
        foreach (var dir in _live.ToList())
        {
            MetaProperties? meta;
            try
            {
                meta = MetaProperties.Read(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                Offline(new LogDirFailure(dir, $"Fail to read meta.properties under log directory {dir}", e));
                continue;
            }
            if (meta is { BrokerId: >= 0 } && meta.BrokerId != brokerId)
            {
                throw new FatalBrokerException($"Configured broker.id {brokerId} doesn't match stored broker.id Some({meta.BrokerId}) in meta.properties. If you moved your data, make sure your configured broker.id matches. If you intend to create a new broker, you should remove all data in your data directories (log.dirs).");
            }
            if (meta?.ClusterId is { } stored && stored != clusterId)
            {
                throw new FatalBrokerException($"The Cluster ID {clusterId} doesn't match stored clusterId Some({stored}) in meta.properties. The broker is trying to join the wrong cluster. Configured zookeeper.connect may be wrong.");
            }
        }
        foreach (var dir in _live.ToList())
        {
            Guard(dir, $"Error while writing meta.properties to {dir}", () => new MetaProperties(brokerId, clusterId).Write(dir, _time));
        }
    }

    /// <summary>Creates a hosted partition's dir and first segment (Kafka does on LeaderAndIsr), in the dir with fewest partitions.</summary>
    public void EnsurePartition(string topic, int partition, KafkaUuid topicId)
    {
        var name = $"{topic}-{partition.ToString(CultureInfo.InvariantCulture)}";
        if (_partitionDirs.TryGetValue(name, out var existing) && _live.Contains(existing))
        {
            return;
        }
        if (_live.Count == 0)
        {
            return;
        }
        var dir = _live.OrderBy(d => _partitionDirs.Values.Count(v => v == d)).First();
        Guard(dir, $"Error while creating log for {name} in dir {dir}", () =>
        {
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(path);
            var baseName = Path.Combine(path, new string('0', 20));
            using (File.Open(baseName + ".log", FileMode.OpenOrCreate, FileAccess.ReadWrite))
            {
            }
            foreach (var index in IndexSuffixes)
            {
                using var f = File.Open(baseName + index, FileMode.OpenOrCreate, FileAccess.ReadWrite);
                if (f.Length == 0)
                {
                    f.SetLength(IndexPreallocation);
                }
            }
            File.WriteAllText(Path.Combine(path, "leader-epoch-checkpoint"), "0\n0\n");
            File.WriteAllText(Path.Combine(path, "partition.metadata"), $"version: 0\ntopic_id: {topicId}\n");
            _partitionDirs[name] = dir;
            Log.CreatedLog(_logger, name, dir);
        });
    }

    /// <summary>The periodic checkpoints (recovery point, high watermark) every live dir gets; a full disk fails them.</summary>
    public void Checkpoint()
    {
        foreach (var dir in _live.ToList())
        {
            var hosted = _partitionDirs.Where(p => p.Value == dir).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            var text = new StringBuilder("0\n").Append(hosted.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var name in hosted)
            {
                var dash = name.LastIndexOf('-');
                text.Append(name[..dash]).Append(' ').Append(name[(dash + 1)..]).Append(" 0\n");
            }
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            Guard(dir, $"Error while writing to checkpoint file {Path.Combine(dir, "replication-offset-checkpoint")}", () =>
            {
                AtomicFile.Write(Path.Combine(dir, "replication-offset-checkpoint"), bytes);
                AtomicFile.Write(Path.Combine(dir, "recovery-point-offset-checkpoint"), bytes);
            });
        }
    }

    /// <summary>
    /// LogManager.shutdown: a last checkpoint, then the clean-shutdown marker in every live dir (failures to
    /// write it are swallowed, as Kafka does: the next start then recovers).
    /// </summary>
    public void Shutdown()
    {
        Log.ShuttingDown(_logger);
        try
        {
            Checkpoint();
        }
        catch (FatalBrokerException)
        {
            // every dir failed its checkpoint: none gets a marker
        }
        foreach (var dir in _live)
        {
            try
            {
                using (File.Create(Path.Combine(dir, CleanShutdownFile)))
                {
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.MarkerNotWritten(_logger, dir, e.Message);
            }
        }
        Dispose();
        Log.ShutdownComplete(_logger);
    }

    private void Guard(string dir, string message, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Offline(new LogDirFailure(dir, message, e));
        }
    }

    private void Offline(LogDirFailure failure)
    {
        Log.LogDirFailed(_failureLogger, failure.Message, failure.Cause);
        if (_live.Remove(failure.LogDir))
        {
            Log.StoppingReplicasInDir(_logger, failure.LogDir);
            if (_locks.Remove(failure.LogDir, out var lockFile))
            {
                lockFile.Dispose();
            }
        }
        if (_live.Count == 0)
        {
            throw new FatalBrokerException($"Shutdown broker because all log dirs in {string.Join(", ", _config.LogDirs)} have failed");
        }
    }

    public void Dispose()
    {
        foreach (var l in _locks.Values)
        {
            l.Dispose();
        }
        _locks.Clear();
    }
}
