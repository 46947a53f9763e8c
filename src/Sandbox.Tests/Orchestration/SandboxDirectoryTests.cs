using KafkaAgent.Sandbox.Orchestration;

namespace KafkaAgent.Sandbox.Tests.Orchestration;

/// <summary>Which directory status/fault/down act on when --dir is not given.</summary>
public sealed class SandboxDirectoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kafka-sandbox-dir-").FullName;

    private string LastFile => Path.Combine(_dir, "state", "last-dir");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string MarkedSandbox(string name)
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        SandboxMarker.Write(root);
        return root;
    }

    [Fact]
    public void Resolve_NoDirAfterUp_TheRememberedSandbox()
    {
        var root = MarkedSandbox("a");
        var directories = new SandboxDirectory(LastFile);
        directories.Remember(root);

        var (resolved, note) = directories.Resolve("down", null);

        Assert.Equal(root, resolved);
        Assert.Contains(root, note, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitDir_WinsOverTheRememberedOne()
    {
        var directories = new SandboxDirectory(LastFile);
        directories.Remember(MarkedSandbox("a"));

        var (resolved, note) = directories.Resolve("status", Path.Combine(_dir, "b"));

        Assert.Equal(Path.Combine(_dir, "b"), resolved);
        Assert.Null(note);
    }

    [Fact]
    public void Resolve_RememberedDirIsNoSandboxAnyMore_ErrorNamesTheMemoryFile()
    {
        var directories = new SandboxDirectory(LastFile);
        directories.Remember(Directory.CreateDirectory(Path.Combine(_dir, "plain")).FullName);

        var e = Assert.Throws<InvalidOperationException>(() => directories.Resolve("fault", null));

        Assert.Contains(Path.Combine(_dir, "plain"), e.Message, StringComparison.Ordinal);
        Assert.Contains("--dir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NothingRemembered_ErrorNamesTheMemoryFile()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new SandboxDirectory(LastFile).Resolve("status", null));

        Assert.Contains(LastFile, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Up_DefaultsToDotSandboxNotTheRememberedOne()
    {
        var directories = new SandboxDirectory(LastFile);
        directories.Remember(MarkedSandbox("a"));

        Assert.Equal(Path.GetFullPath(SandboxLayout.DefaultRoot), directories.Resolve("up", null).Root);
    }

    [Fact]
    public void Forget_AnotherDirectory_KeepsTheMemory()
    {
        var root = MarkedSandbox("a");
        var directories = new SandboxDirectory(LastFile);
        directories.Remember(root);

        directories.Forget(Path.Combine(_dir, "other"));
        Assert.Equal(root, directories.Resolve("down", null).Root);
        directories.Forget(root);

        Assert.False(File.Exists(LastFile));
    }
}
