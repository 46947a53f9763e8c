using AgentListener = KafkaAgent.Configuration.Discovery.KafkaListener;
using AgentProperties = KafkaAgent.Configuration.Discovery.JavaProperties;
using SandboxListener = KafkaAgent.Sandbox.Config.ListenerEndpoint;
using SandboxProperties = KafkaAgent.Sandbox.Config.JavaProperties;

namespace KafkaAgent.Sandbox.Tests.Parity;

/// <summary>
/// The stand-in keeps its own server.properties and listener parsers on purpose (a bug shared with the agent could
/// not be caught by it), so both are run over one set of inputs here: any disagreement is a bug in one of them.
/// </summary>
public sealed class ParserParityTests
{
    public static TheoryData<string> PropertiesInputs => new()
    {
        "broker.id=1\nlog.dirs=/var/kafka\n",
        "# comment\n! bang comment\n\n   listeners = PLAINTEXT://:9092\n",
        "key:value\nkey2 value2\nkey3\t=\tvalue3\n",
        "log.dirs=/a,\\\n    /b,\\\n    /c\n",
        "path=C:\\\\kafka\\\\logs\nunicode=caf\\u00e9\n",
        "a\\=b=c\nspace\\ key=v\n",
        "empty=\nnovalue\n",
        "dup=1\ndup=2\n",
        "crlf=1\r\nnext=2\r\n",
        "trailing=\\\\\nafter=x\n",
        "tab\\tescape=line\\nbreak\n",
    };

    public static TheoryData<string> ListenerInputs => new()
    {
        "PLAINTEXT://127.0.0.1:9092",
        "plaintext://broker1:9092, SSL://broker1:9093",
        "PLAINTEXT://:9092",
        "PLAINTEXT://0.0.0.0:9092",
        "PLAINTEXT://[::1]:9092",
        "PLAINTEXT://[fe80::1]:19092,SSL://host:1",
    };

    [Theory]
    [MemberData(nameof(PropertiesInputs))]
    public void Parse_SameText_AgentAndStandInAgree(string text)
    {
        var agent = AgentProperties.Parse(text);
        var sandbox = SandboxProperties.Parse(text);

        Assert.Equal(sandbox.OrderBy(kv => kv.Key, StringComparer.Ordinal), agent.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ListenerInputs))]
    public void ParseList_SameListeners_AgentAndStandInAgree(string text)
    {
        var protocols = new Dictionary<string, string>(StringComparer.Ordinal) { ["PLAINTEXT"] = "PLAINTEXT", ["SSL"] = "SSL" };

        var agent = AgentListener.ParseList(text, out var bad);
        var sandbox = SandboxListener.ParseList(text, protocols, "listeners");

        Assert.Null(bad);
        Assert.Equal(sandbox.Select(l => (l.ListenerName, l.Host, l.Port, l.ConnectionString)), agent.Select(l => (l.Name, l.Host, l.Port, l.ToString())));
    }
}
