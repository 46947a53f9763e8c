namespace KafkaAgent.Tests.Support;

/// <summary>
/// Prometheus' binaries as scripts/test provides them (unpacked from Debian's prometheus package into
/// artifacts/tools/bin, which it puts on PATH); found there too when a test runs on its own.
/// </summary>
internal static class PrometheusTools
{
    public static string Promtool => Find("promtool");

    public static string Prometheus => Find("prometheus");

    public static string Find(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(System.IO.Path.Combine(SandboxHost.RepositoryRoot, "artifacts", "tools", "bin"))
            .Select(dir => System.IO.Path.Combine(dir, name));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{name} is neither on PATH nor in artifacts/tools/bin: run scripts/test, which unpacks it from Debian's prometheus package");
    }
}
