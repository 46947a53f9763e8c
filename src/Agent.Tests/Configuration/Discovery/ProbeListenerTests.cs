using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Tests.Configuration.Discovery;

/// <summary>Which listener of server.properties the Kafka API probe talks to, and with which security protocol.</summary>
public sealed class ProbeListenerTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    private KafkaServerConfig Server(string properties)
    {
        File.WriteAllText(_path, properties);
        return KafkaServerConfig.Read(_path);
    }

    [Fact]
    public void Select_PlaintextAmongSecuredListeners_PrefersPlaintext()
    {
        var server = Server("listeners=EXTERNAL://0.0.0.0:9094,INTERNAL://10.0.0.5:9092,LOCAL://:9093\n"
            + "listener.security.protocol.map=EXTERNAL:SASL_SSL,INTERNAL:SSL,LOCAL:PLAINTEXT\ninter.broker.listener.name=INTERNAL\n");

        var (choice, _, _) = ProbeListener.Select(server, null, null);

        Assert.Equal("LOCAL", choice!.Listener!.Name);
        Assert.Equal("PLAINTEXT", choice.Protocol);
        Assert.Equal("127.0.0.1:9093", choice.Endpoint.ToString());
    }

    [Fact]
    public void Select_OnlySecuredListeners_TakesTheInterBrokerListener()
    {
        var server = Server("listeners=EXTERNAL://:9094,INTERNAL://10.0.0.5:9092\n"
            + "listener.security.protocol.map=EXTERNAL:SASL_SSL,INTERNAL:SSL\ninter.broker.listener.name=internal\n");

        var (choice, _, _) = ProbeListener.Select(server, null, null);

        Assert.Equal("INTERNAL", choice!.Listener!.Name);
        Assert.Equal("SSL", choice.Protocol);
        Assert.Equal("10.0.0.5:9092", choice.Endpoint.ToString());
        Assert.Equal("the inter-broker listener", choice.Reason);
    }

    [Fact]
    public void Select_InterBrokerProtocolWithoutListenerName_ListenerNamedAfterTheProtocol()
    {
        // Without a protocol map the listener names are the protocols; security.inter.broker.protocol names the listener.
        var server = Server("listeners=SASL_SSL://:9094,SSL://:9093\nsecurity.inter.broker.protocol=SSL\n");

        var (choice, _, _) = ProbeListener.Select(server, null, null);

        Assert.Equal("SSL", choice!.Listener!.Name);
        Assert.Equal("SSL", choice.Protocol);
    }

    [Fact]
    public void Select_NoPlaintextNoInterBrokerListener_TakesTheFirst()
    {
        var server = Server("listeners=SASL_PLAINTEXT://:9095,SSL://:9093\n");

        var (choice, _, _) = ProbeListener.Select(server, null, null);

        Assert.Equal("SASL_PLAINTEXT", choice!.Listener!.Name);
        Assert.Equal("SASL_PLAINTEXT", choice.Protocol);
        Assert.Equal("the first listener", choice.Reason);
    }

    [Fact]
    public void Select_ListenerNameConfigured_WinsOverPlaintext()
    {
        var server = Server("listeners=PLAINTEXT://:9092,EXTERNAL://:9094\nlistener.security.protocol.map=PLAINTEXT:PLAINTEXT,EXTERNAL:SASL_SSL\n");

        var (choice, _, _) = ProbeListener.Select(server, "external", null);

        Assert.Equal("EXTERNAL", choice!.Listener!.Name);
        Assert.Equal("SASL_SSL", choice.Protocol);
        Assert.Equal("127.0.0.1:9094", choice.Endpoint.ToString());
    }

    [Fact]
    public void Select_ListenerNameNotInListeners_ProblemNamesKeyFileAndTheListeners()
    {
        var server = Server("listeners=PLAINTEXT://:9092,SSL://:9093\n");

        var (choice, key, problem) = ProbeListener.Select(server, "INTERNAL", null);

        Assert.Null(choice);
        Assert.Equal("kafka.listener_name", key);
        Assert.Equal($"'INTERNAL' is not among the listeners of {_path} (PLAINTEXT, SSL)", problem);
    }

    [Fact]
    public void Select_EndpointOnASecuredListenersPort_TakesThatListenersProtocol()
    {
        var server = Server("listeners=PLAINTEXT://:9092,SECURE://:9093\nlistener.security.protocol.map=PLAINTEXT:PLAINTEXT,SECURE:SSL\n");

        var (choice, _, _) = ProbeListener.Select(server, null, "broker1.example:9093");

        Assert.Equal("broker1.example:9093", choice!.Endpoint.ToString());
        Assert.Equal("SECURE", choice.Listener!.Name);
        Assert.Equal("SSL", choice.Protocol);
    }

    [Fact]
    public void Select_EndpointNotHostPort_ProblemNamesKafkaListener()
    {
        var server = Server("listeners=PLAINTEXT://:9092\n");

        var (choice, key, problem) = ProbeListener.Select(server, null, "broker1");

        Assert.Null(choice);
        Assert.Equal("kafka.listener", key);
        Assert.Equal("'broker1' is not host:port", problem);
    }

    public void Dispose() => File.Delete(_path);
}
