namespace KafkaAgent.ZooKeeper.Protocol;

/// <summary>Request types (ZooDefs.OpCode) this client sends or reads back in multi results.</summary>
internal static class OpCode
{
    public const int Notification = 0;
    public const int Create = 1;
    public const int Delete = 2;
    public const int Exists = 3;
    public const int GetData = 4;
    public const int SetData = 5;
    public const int Ping = 11;
    public const int GetChildren2 = 12;
    public const int Check = 13;
    public const int Multi = 14;
    public const int Create2 = 15;
    public const int Auth = 100;
    public const int SetWatches = 101;
    public const int CloseSession = -11;
    public const int Error = -1;
}

/// <summary>Reserved xids: replies carrying them are not answers to a pipelined request.</summary>
internal static class Xid
{
    public const int Notification = -1;
    public const int Ping = -2;
    public const int Auth = -4;
    public const int SetWatches = -8;
}
