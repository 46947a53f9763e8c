using System.Runtime.InteropServices;
using System.Text;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// An open directory. Everything below a configured root is reached from the root's handle one component at a
/// time (openat relative to the parent's descriptor with O_NOFOLLOW|O_DIRECTORY), never by a full path: a
/// directory swapped for a symlink after it was listed cannot redirect the walk, because the kernel resolves
/// only one name, in the directory already open, and refuses a symlink there.
/// </summary>
internal sealed unsafe class DirectoryHandle : IDisposable
{
    private int _fd;

    private DirectoryHandle(int fd, string path)
    {
        this._fd = fd;
        Path = path;
    }

    /// <summary>The path the handle was reached by (for messages and keys; never used to open anything).</summary>
    public string Path { get; }

    public int Fd => _fd >= 0 ? _fd : throw new ObjectDisposedException(Path);

    /// <summary>
    /// Opens a configured root. The root itself may be a symlink (/var/kafka -> /data/kafka, chosen by the
    /// operator), so only here is a link followed.
    /// </summary>
    /// <returns>Null with <paramref name="errno"/> set when it cannot be opened.</returns>
    public static DirectoryHandle? OpenRoot(string path, out int errno)
    {
        var handle = LibC.Open(path, LibC.OpenDirectoryFlags);
        errno = handle < 0 ? Marshal.GetLastPInvokeError() : 0;
        return handle < 0 ? null : new DirectoryHandle(handle, path);
    }

    /// <summary>Opens the subdirectory <paramref name="name"/> (one component, NUL-terminated) of this directory; a symlink is refused (ELOOP).</summary>
    public DirectoryHandle? OpenChild(byte* name, out int errno)
    {
        var child = LibC.OpenAt(Fd, name, LibC.OpenDirectoryFlags | LibC.NoFollow);
        errno = child < 0 ? Marshal.GetLastPInvokeError() : 0;
        return child < 0 ? null : new DirectoryHandle(child, Join(Path, name));
    }

    /// <summary>Opens the subdirectory <paramref name="name"/> (one component) of this directory; a symlink is refused (ELOOP).</summary>
    public DirectoryHandle? OpenChild(string name, out int errno)
    {
        fixed (byte* bytes = NullTerminated(name))
        {
            return OpenChild(bytes, out errno);
        }
    }

    /// <summary>Opens a directory below this one by its relative path, one component at a time, none followed.</summary>
    public DirectoryHandle? OpenDescendant(string relative, out int errno)
    {
        errno = 0;
        var current = this;
        foreach (var component in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (component is "." or "..")
            {
                errno = LibC.ENOENT;
                return null;
            }

            var next = current.OpenChild(component, out errno);
            if (!ReferenceEquals(current, this))
            {
                current.Dispose();
            }

            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return ReferenceEquals(current, this) ? OpenChild(".", out errno) : current;
    }

    /// <summary>lstat of an entry of this directory (AT_SYMLINK_NOFOLLOW); the directory itself for an empty name.</summary>
    public bool TryStat(byte* name, uint mask, out LibC.Statx result)
    {
        LibC.Statx st;
        byte empty = 0;
        var ok = name is null || name[0] == 0
            ? LibC.StatxAt(Fd, &empty, LibC.AtEmptyPath, mask, &st) == 0
            : LibC.StatxAt(Fd, name, LibC.AtSymlinkNoFollow, mask, &st) == 0;
        result = st;
        return ok;
    }

    /// <summary>Reads the entries (without . and ..) in the kernel's order, from the first (a second read of the same handle starts over).</summary>
    public EntryReader ReadEntries()
    {
        _ = LibC.LSeek(Fd, 0, 0);
        return new(Fd);
    }

    public static string Join(string directory, byte* name) =>
        string.Concat(directory, "/", Marshal.PtrToStringUTF8((nint)name));

    public static byte[] NullTerminated(string name)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(name) + 1];
        Encoding.UTF8.GetBytes(name, bytes);
        return bytes;
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = LibC.Close(_fd);
            _fd = -1;
        }
    }

    /// <summary>
    /// getdents64 over the open descriptor into a 32 KiB buffer, the way find does: one system call per
    /// few hundred entries. A name is valid until the next <see cref="Next"/>.
    /// </summary>
    internal sealed class EntryReader(int fd) : IDisposable
    {
        private const int BufferSize = 32 * 1024;
        private byte* _buffer;
        private nint _filled;
        private nint _position;

        /// <summary>The next entry's NUL-terminated name and d_type (DT_UNKNOWN on filesystems that do not fill it).</summary>
        /// <exception cref="IOException">The directory cannot be read.</exception>
        public bool Next(out byte* name, out byte type)
        {
            while (true)
            {
                if (_position >= _filled)
                {
                    if (_buffer is null)
                    {
                        _buffer = (byte*)NativeMemory.Alloc(BufferSize);
                    }

                    _filled = LibC.GetDents64(fd, _buffer, BufferSize);
                    _position = 0;
                    if (_filled < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        _filled = 0;
                        throw new IOException($"getdents: {LibC.ErrorText(errno)}");
                    }

                    if (_filled == 0)
                    {
                        name = null;
                        type = 0;
                        return false;
                    }
                }

                // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2) at 16, d_type (1) at 18, d_name at 19.
                var entry = _buffer + _position;
                _position += *(ushort*)(entry + 16);
                name = entry + 19;
                if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                {
                    continue;
                }

                type = entry[18];
                return true;
            }
        }

        public void Dispose()
        {
            if (_buffer is not null)
            {
                NativeMemory.Free(_buffer);
                _buffer = null;
            }
        }
    }
}
