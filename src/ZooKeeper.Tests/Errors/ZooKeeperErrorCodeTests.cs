namespace KafkaAgent.ZooKeeper.Tests.Errors;

public class ZooKeeperErrorCodeTests
{
    /// <summary>KeeperException.Code of ZooKeeper 3.8: name and wire value.</summary>
    public static TheoryData<ZooKeeperErrorCode, int> ServerCodes => new()
    {
        { ZooKeeperErrorCode.Ok, 0 },
        { ZooKeeperErrorCode.SystemError, -1 },
        { ZooKeeperErrorCode.RuntimeInconsistency, -2 },
        { ZooKeeperErrorCode.DataInconsistency, -3 },
        { ZooKeeperErrorCode.ConnectionLoss, -4 },
        { ZooKeeperErrorCode.MarshallingError, -5 },
        { ZooKeeperErrorCode.Unimplemented, -6 },
        { ZooKeeperErrorCode.OperationTimeout, -7 },
        { ZooKeeperErrorCode.BadArguments, -8 },
        { ZooKeeperErrorCode.UnknownSession, -12 },
        { ZooKeeperErrorCode.NewConfigNoQuorum, -13 },
        { ZooKeeperErrorCode.ReconfigInProgress, -14 },
        { ZooKeeperErrorCode.ApiError, -100 },
        { ZooKeeperErrorCode.NoNode, -101 },
        { ZooKeeperErrorCode.NoAuth, -102 },
        { ZooKeeperErrorCode.BadVersion, -103 },
        { ZooKeeperErrorCode.NoChildrenForEphemerals, -108 },
        { ZooKeeperErrorCode.NodeExists, -110 },
        { ZooKeeperErrorCode.NotEmpty, -111 },
        { ZooKeeperErrorCode.SessionExpired, -112 },
        { ZooKeeperErrorCode.InvalidCallback, -113 },
        { ZooKeeperErrorCode.InvalidAcl, -114 },
        { ZooKeeperErrorCode.AuthFailed, -115 },
        { ZooKeeperErrorCode.SessionMoved, -118 },
        { ZooKeeperErrorCode.NotReadOnly, -119 },
        { ZooKeeperErrorCode.EphemeralOnLocalSession, -120 },
        { ZooKeeperErrorCode.NoWatcher, -121 },
        { ZooKeeperErrorCode.RequestTimeout, -122 },
        { ZooKeeperErrorCode.ReconfigDisabled, -123 },
        { ZooKeeperErrorCode.SessionClosedRequireSaslAuth, -124 },
        { ZooKeeperErrorCode.QuotaExceeded, -125 },
        { ZooKeeperErrorCode.ThrottledOp, -127 },
    };

    [Theory]
    [MemberData(nameof(ServerCodes))]
    public void Code_WireValue_MatchesServer(ZooKeeperErrorCode code, int value)
    {
        Assert.Equal(value, (int)code);
    }

    [Fact]
    public void Enum_EveryMember_IsAServerCode()
    {
        Assert.Equal(ServerCodes.Count, Enum.GetValues<ZooKeeperErrorCode>().Length);
    }

    [Fact]
    public void Exception_CodeAndPath_InMessage()
    {
        var error = new ZooKeeperException(ZooKeeperErrorCode.NodeExists, "/a");

        Assert.Equal((ZooKeeperErrorCode.NodeExists, "/a"), (error.Code, error.Path));
        Assert.Contains("NodeExists (-110) for /a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_UnknownCode_StillCarriesValue()
    {
        var error = new ZooKeeperException((ZooKeeperErrorCode)(-999));

        Assert.Contains("-999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtocolException_IsZooKeeperException_WithMarshallingError()
    {
        ZooKeeperException error = new ZooKeeperProtocolException("bad");

        Assert.Equal(ZooKeeperErrorCode.MarshallingError, error.Code);
    }
}
