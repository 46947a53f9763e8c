using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Configuration;

/// <summary>A username and password from a secret file.</summary>
internal sealed record Credentials(string Username, string Password)
{
    // Never let a password reach a log line or `config --json` through a record's generated ToString.
    public override string ToString() => $"Credentials {{ Username = {Username} }}";
}

/// <summary>
/// Reads a credentials file (Java properties: username=..., password=...) after checking that only its owner can
/// read it. A secret that other local users can read is refused rather than used: the operator learns at start,
/// with one line naming the file, instead of after the password has leaked.
/// </summary>
internal static class SecretFile
{
    /// <param name="configPath">agent.yaml, named in every error with <paramref name="key"/>.</param>
    public static Credentials ReadCredentials(string configPath, string key, string path)
    {
        CheckPrivate(configPath, key, path);
        var properties = JavaProperties.Load(path, key);
        string Get(string name) => properties.TryGetValue(name, out var v) && v.Length > 0
            ? v
            : throw new ConfigurationException($"{configPath}: {key}: {path} has no {name}= line");
        return new Credentials(Get("username"), Get("password"));
    }

    /// <summary>Refuses a missing file, a file not owned by the agent's user or root, and a file group or others can access.</summary>
    public static void CheckPrivate(string configPath, string key, string path)
    {
        ConfigurationException Error(string problem) => new($"{configPath}: {key}: {path} {problem}");
        if (!Path.IsPathRooted(path))
        {
            throw new ConfigurationException($"{configPath}: {key}: '{path}' is not an absolute path");
        }

        if (Directory.Exists(path))
        {
            throw Error("is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw Error("does not exist");
        }

        if (!OperatingSystem.IsLinux())
        {
            return; // Windows: the file's ACL is the operator's; there are no mode bits to read.
        }

        if (LibC.StatxPath(LibC.AtFdCwd, path, 0, LibC.StatxMode | LibC.StatxUid, out var stat) != 0)
        {
            throw Error($"cannot be read ({new System.ComponentModel.Win32Exception(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()).Message})");
        }

        var mode = stat.Mode & 0x1FF; // 0777: permission bits
        if ((mode & 0x3F) != 0) // 0077: any access for group or others
        {
            throw Error($"is readable by group or others (mode {Convert.ToString(mode, 8).PadLeft(4, '0')}); make it private: chmod 600 {path}");
        }

        var self = LibC.GetEffectiveUserId();
        if (stat.Uid != self && stat.Uid != 0)
        {
            throw Error($"is owned by uid {stat.Uid}, not by the agent's user (uid {self}) or root");
        }
    }
}
