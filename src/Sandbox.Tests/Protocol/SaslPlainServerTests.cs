using System.Text;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Config;
using KafkaAgent.Sandbox.Protocol;

namespace KafkaAgent.Sandbox.Tests.Protocol;

/// <summary>The SASL stage of a SASL_PLAINTEXT connection: handshake, PLAIN login, and Kafka's refusals.</summary>
public class SaslPlainServerTests
{
    private static readonly Dictionary<string, string> Users = new() { ["agent"] = "agent-secret" };

    private static SaslPlainServer Server() => new(Users, new RequestDispatcher(() => ClusterSnapshot.Empty));

    private static byte[] Request(short apiKey, short version, Action<KafkaWriter>? body = null)
    {
        var w = new KafkaWriter();
        new RequestHeader(apiKey, version, 7, "test").Write(w);
        body?.Invoke(w);
        return w.WrittenMemory.ToArray();
    }

    private static byte[] Handshake(string mechanism) => Request(17, 1, w => w.String(mechanism, compact: false));

    private static byte[] Authenticate(string token, short version = 2) => Request(36, version, w =>
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        if (version >= 2)
        {
            w.UnsignedVarint((uint)bytes.Length + 1).Raw(bytes).NoTaggedFields();
        }
        else
        {
            w.Int32(bytes.Length).Raw(bytes);
        }
    });

    private static short ErrorOf(byte[] frame, bool flexibleHeader)
    {
        var reader = new KafkaReader(frame.AsSpan(4));
        Assert.Equal(7, reader.ReadInt32());
        if (flexibleHeader)
        {
            reader.SkipTaggedFields();
        }

        return reader.ReadInt16();
    }

    [Fact]
    public void Handle_PlainHandshakeThenRightPassword_Authenticated()
    {
        var server = Server();

        var handshake = server.Handle(Handshake("PLAIN"), "SASL_PLAINTEXT");
        var login = server.Handle(Authenticate("\0agent\0agent-secret"), "SASL_PLAINTEXT");

        Assert.Equal(0, ErrorOf(handshake.Response!, false));
        Assert.Null(handshake.CloseReason);
        Assert.Equal(0, ErrorOf(login.Response!, true));
        Assert.Null(login.CloseReason);
        Assert.True(server.Authenticated);
    }

    [Fact]
    public void Handle_WrongPassword_AuthenticationFailedThenClose()
    {
        var server = Server();
        server.Handle(Handshake("PLAIN"), "SASL_PLAINTEXT");

        var login = server.Handle(Authenticate("\0agent\0guess", version: 1), "SASL_PLAINTEXT");

        Assert.Equal(58, ErrorOf(login.Response!, false));
        Assert.Contains("Failed authentication with user agent", login.CloseReason, StringComparison.Ordinal);
        Assert.False(server.Authenticated);
    }

    [Fact]
    public void Handle_ScramHandshake_UnsupportedMechanismThenClose()
    {
        var result = Server().Handle(Handshake("SCRAM-SHA-512"), "SASL_PLAINTEXT");

        Assert.Equal(33, ErrorOf(result.Response!, false));
        Assert.NotNull(result.CloseReason);
    }

    [Fact]
    public void Handle_MetadataBeforeLogin_ClosedWithoutAnswer()
    {
        var result = Server().Handle(Request(3, 1, w => w.Int32(-1)), "SASL_PLAINTEXT");

        Assert.Null(result.Response);
        Assert.Contains("during SASL handshake", result.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public void UsersOf_SaslListenerWithJaasUsers_ReadsEveryUser()
    {
        var config = BrokerConfig.FromProperties(JavaProperties.Parse("""
            broker.id=1
            zookeeper.connect=zk1:2181
            listeners=SASL_PLAINTEXT://127.0.0.1:9095
            sasl.enabled.mechanisms=PLAIN
            listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="a" user_admin="a" user_kafka-agent="b";
            """), "server.properties");

        Assert.Equal(new Dictionary<string, string> { ["admin"] = "a", ["kafka-agent"] = "b" }, config.SaslPlainUsers["SASL_PLAINTEXT"]);
    }

    [Fact]
    public void UsersOf_SaslListenerWithKafkasDefaultGssapi_RefusedNamingTheKey()
    {
        var error = Assert.Throws<ConfigException>(() => BrokerConfig.FromProperties(JavaProperties.Parse(
            "broker.id=1\nzookeeper.connect=zk1:2181\nlisteners=SASL_PLAINTEXT://127.0.0.1:9095\n"
            + "listener.name.sasl_plaintext.plain.sasl.jaas.config=x required user_a=\"b\";\n"), "server.properties"));

        Assert.Equal("sasl.enabled.mechanisms", error.Key);
    }
}
