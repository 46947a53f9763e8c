using System.Runtime.Versioning;

// The sandbox is made of Linux things: signals, /proc, tmpfs mounts, setuid.
[assembly: SupportedOSPlatform("linux")]
