using System.Diagnostics;
using KafkaAgent.Sandbox.Orchestration;

namespace KafkaAgent.Sandbox.Tests.Orchestration;

/// <summary>`down` acts only on a directory `up` marked; `up` lays out only a new or empty directory.</summary>
public sealed class SandboxMarkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kafka-sandbox-marker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Down_DirectoryWithoutMarker_RefusesNamingItAndTouchesNothing()
    {
        File.WriteAllText(Path.Combine(_dir, "00000000000000000000.log"), "a broker's data");
        Directory.CreateDirectory(Path.Combine(_dir, "orders-0"));
        // A process with an argument under the directory: what down would otherwise kill.
        using var holder = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "sleep 60; true", Path.Combine(_dir, "holder")]))!;
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SandboxDown.RunAsync(_dir, TextWriter.Null, CancellationToken.None));

            Assert.StartsWith($"{_dir} is not a sandbox", e.Message, StringComparison.Ordinal);
            Assert.False(holder.HasExited);
            Assert.True(File.Exists(Path.Combine(_dir, "00000000000000000000.log")));
            Assert.True(Directory.Exists(Path.Combine(_dir, "orders-0")));
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Down_MarkerIsASymlink_Refuses()
    {
        var marked = Directory.CreateDirectory(Path.Combine(_dir, "marked")).FullName;
        SandboxMarker.Write(marked);
        var linked = Directory.CreateDirectory(Path.Combine(_dir, "linked")).FullName;
        File.CreateSymbolicLink(SandboxMarker.PathIn(linked), SandboxMarker.PathIn(marked));

        await Assert.ThrowsAsync<InvalidOperationException>(() => SandboxDown.RunAsync(linked, TextWriter.Null, CancellationToken.None));

        Assert.True(Directory.Exists(linked));
    }

    [Fact]
    public async Task Down_MarkedDirectory_RemovesIt()
    {
        var root = Path.Combine(_dir, "sandbox");
        Directory.CreateDirectory(root);
        SandboxMarker.Write(root);
        File.WriteAllText(Path.Combine(root, "faults.log"), "x\n");

        await SandboxDown.RunAsync(root, TextWriter.Null, CancellationToken.None);

        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task Down_MissingDirectory_NothingToDo()
    {
        var output = new StringWriter();

        await SandboxDown.RunAsync(Path.Combine(_dir, "never-made"), output, CancellationToken.None);

        Assert.Contains("nothing to do", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_NonEmptyDirectoryWithoutMarker_RefusesAndLeavesItAlone()
    {
        File.WriteAllText(Path.Combine(_dir, "precious"), "keep");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SandboxUp.RunAsync(new SandboxOptions { Root = _dir }, TextWriter.Null, CancellationToken.None));

        Assert.StartsWith($"{_dir} is not empty and not a sandbox", e.Message, StringComparison.Ordinal);
        Assert.Equal(["precious"], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName));
    }
}
