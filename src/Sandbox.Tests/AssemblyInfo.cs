using System.Runtime.Versioning;

// Tests of the sandbox, which is Linux-only (signals, /proc, tmpfs mounts, setuid).
[assembly: SupportedOSPlatform("linux")]
