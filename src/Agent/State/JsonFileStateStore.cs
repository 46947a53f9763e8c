using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using KafkaAgent.Platform.Linux;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.State;

/// <summary>
/// state.json in the state directory. Writes are atomic and durable: a temporary file created with
/// O_CREAT|O_EXCL|O_NOFOLLOW (a planted symlink makes it fail, never redirects it), fsync, rename over state.json,
/// fsync of the directory. One writer at a time: every read-change-write holds flock on state.lock, so the daemon
/// and the CLI never lose each other's changes. Every path is opened relative to the directory's handle.
/// </summary>
internal sealed unsafe class JsonFileStateStore : IStateStore
{
    public const string FileName = "state.json";
    public const string TempName = "state.json.tmp";
    public const string LockName = "state.lock";

    // A writer holds the lock for one small read and write; a holder this slow is stuck (or stopped with SIGSTOP).
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly string _directory;
    private readonly string _tempPath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public JsonFileStateStore(string directory, TimeProvider time, ILogger<JsonFileStateStore> logger)
    {
        this._directory = directory;
        _tempPath = System.IO.Path.Combine(directory, TempName);
        this._time = time;
        this._logger = logger;
    }

    public string Path => System.IO.Path.Combine(_directory, FileName);

    /// <remarks>A missing state directory reads as a fresh state and is not created (check, status run as any user).</remarks>
    public AgentState Load() => !Directory.Exists(_directory) ? new AgentState() : Locked(dirFd =>
    {
        var state = Read(dirFd, out var recovered);
        // A recovered state is written at once, so the hold on disruptive actions survives a restart.
        return recovered ? Write(dirFd, state) : state;
    });

    public AgentState Update(Func<AgentState, AgentState> change) => Locked(dirFd =>
    {
        var before = Read(dirFd, out var recovered);
        var after = change(before);
        return ReferenceEquals(before, after) && !recovered ? before : Write(dirFd, after);
    });

    private T Locked<T>(Func<int, T> body)
    {
        Directory.CreateDirectory(_directory);
        var dirFd = LibC.Open(_directory, LibC.OpenDirectoryFlags);
        if (dirFd < 0)
        {
            throw Failure("cannot open the state directory", _directory);
        }

        try
        {
            var lockFd = LibC.OpenAt(dirFd, LockName, LibC.ORdWr | LibC.OCreat | LibC.NoFollow | LibC.CloseOnExec, 0x180);
            if (lockFd < 0)
            {
                throw Failure("cannot open the lock file", System.IO.Path.Combine(_directory, LockName));
            }

            try
            {
                AcquireLock(lockFd);
                return body(dirFd);
            }
            finally
            {
                // Closing the descriptor releases the flock.
                _ = LibC.Close(lockFd);
            }
        }
        finally
        {
            _ = LibC.Close(dirFd);
        }
    }

    private void AcquireLock(int lockFd)
    {
        var started = _time.GetTimestamp();
        while (LibC.FLock(lockFd, LibC.LockEx | LibC.LockNb) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EWOULDBLOCK)
            {
                throw Failure("cannot lock", System.IO.Path.Combine(_directory, LockName), errno);
            }

            if (_time.GetElapsedTime(started) > LockWait)
            {
                throw new StateStoreException($"{System.IO.Path.Combine(_directory, LockName)}: held by another kafka-agent process for over {LockWait.TotalSeconds:0} s");
            }

            Thread.Sleep(20);
        }
    }

    private AgentState Read(int dirFd, out bool recovered)
    {
        recovered = false;
        var fd = LibC.OpenAt(dirFd, FileName, LibC.ORdOnly | LibC.NoFollow | LibC.CloseOnExec, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ENOENT)
            {
                return new AgentState();
            }

            if (errno != LibC.ELOOP)
            {
                throw Failure("cannot read", Path, errno);
            }

            // state.json is a symlink: the agent never wrote that; treat it as unreadable.
            recovered = true;
            return SetAside(dirFd, "it is a symlink");
        }

        byte[] bytes;
        try
        {
            bytes = ReadAll(fd);
        }
        finally
        {
            _ = LibC.Close(fd);
        }

        try
        {
            var state = JsonSerializer.Deserialize(bytes, StateJsonContext.Default.AgentState)
                ?? throw new JsonException("the file holds null");
            if (state.Version != AgentState.CurrentVersion)
            {
                throw new JsonException($"version {state.Version}, this build reads {AgentState.CurrentVersion}");
            }

            return state;
        }
        catch (JsonException ex)
        {
            recovered = true;
            return SetAside(dirFd, ex.Message);
        }
    }

    private AgentState SetAside(int dirFd, string reason)
    {
        var now = _time.GetUtcNow();
        var keptAs = FileName + ".corrupt-" + now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        if (LibC.RenameAt(dirFd, FileName, dirFd, keptAs) != 0)
        {
            throw Failure("cannot move the unreadable state aside", Path);
        }

        _ = LibC.FSync(dirFd);
        Log.StateCorrupt(_logger, Path, reason, System.IO.Path.Combine(_directory, keptAs));
        return new AgentState { DisruptiveHeldReason = $"state file was unreadable ({reason}) and kept as {keptAs} at {now:u}" };
    }

    private AgentState Write(int dirFd, AgentState state)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.AgentState);

        // A temporary file left by a writer that died before its rename is garbage: we hold the lock, nobody else
        // writes it. unlinkat removes a symlink itself, never its target.
        if (LibC.UnlinkAt(dirFd, TempName, 0) == 0)
        {
            Log.StaleTempRemoved(_logger, _tempPath);
        }

        var fd = LibC.OpenAt(dirFd, TempName, LibC.OWrOnly | LibC.OCreat | LibC.OExcl | LibC.NoFollow | LibC.CloseOnExec, 0x180);
        if (fd < 0)
        {
            throw Failure("cannot create", System.IO.Path.Combine(_directory, TempName));
        }

        try
        {
            WriteAll(fd, bytes);
            if (LibC.FSync(fd) != 0)
            {
                throw Failure("cannot fsync", System.IO.Path.Combine(_directory, TempName));
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }

        if (LibC.RenameAt(dirFd, TempName, dirFd, FileName) != 0)
        {
            throw Failure("cannot rename the new state into place", Path);
        }

        // The rename is durable only once the directory entry is on disk.
        _ = LibC.FSync(dirFd);
        return state;
    }

    private static byte[] ReadAll(int fd)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        fixed (byte* p = chunk)
        {
            while (true)
            {
                var n = LibC.Read(fd, p, chunk.Length);
                if (n < 0)
                {
                    throw new StateStoreException($"read failed: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
                }

                if (n == 0)
                {
                    return buffer.ToArray();
                }

                buffer.Write(chunk, 0, (int)n);
            }
        }
    }

    private void WriteAll(int fd, byte[] bytes)
    {
        fixed (byte* p = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = LibC.Write(fd, p + done, bytes.Length - done);
                if (n < 0)
                {
                    throw Failure("cannot write", System.IO.Path.Combine(_directory, TempName));
                }

                done += (int)n;
            }
        }
    }

    private static StateStoreException Failure(string what, string path, int? errno = null) =>
        new($"{path}: {what}: {LibC.ErrorText(errno ?? Marshal.GetLastPInvokeError())}");
}
