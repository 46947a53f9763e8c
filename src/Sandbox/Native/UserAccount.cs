using System.Globalization;
using System.Runtime.InteropServices;

namespace KafkaAgent.Sandbox.Native;

// Not shared with the agent's UserDatabase: the sandbox reads the local accounts it creates, the agent must honour NSS (LDAP).
/// <summary>A local account from /etc/passwd, and the privilege drop a broker start does as root.</summary>
internal sealed record UserAccount(string Name, uint Uid, uint Gid, string Home)
{
    public static UserAccount? Find(string name)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var f = line.Split(':');
            if (f.Length >= 6 && f[0] == name)
            {
                return new UserAccount(f[0], uint.Parse(f[2], CultureInfo.InvariantCulture), uint.Parse(f[3], CultureInfo.InvariantCulture), f[5]);
            }
        }
        return null;
    }

    /// <summary>
    /// Becomes this user for the whole process (glibc applies setuid to every thread). Groups first,
    /// then gid, then uid: after setuid there is no way back.
    /// </summary>
    public void BecomeThisUser()
    {
        if (LibC.initgroups(Name, Gid) != 0 || LibC.setgid(Gid) != 0 || LibC.setuid(Uid) != 0)
        {
            throw new InvalidOperationException($"cannot switch to user {Name} (uid {Uid}): errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
