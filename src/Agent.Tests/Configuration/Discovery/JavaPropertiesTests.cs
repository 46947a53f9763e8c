using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Tests.Configuration.Discovery;

public sealed class JavaPropertiesTests
{
    [Fact]
    public void Parse_AllSeparatorsCommentsAndContinuations_ReadAsJavaDoes()
    {
        var text = "# comment\n! also a comment\n  a=1\nb : 2\nc 3\nlog.dirs=/d1,\\\n   /d2\nkey\\=x=y\nu=caf\\u00e9\nempty=\n";

        var p = JavaProperties.Parse(text);

        Assert.Equal("1", p["a"]);
        Assert.Equal("2", p["b"]);
        Assert.Equal("3", p["c"]);
        Assert.Equal("/d1,/d2", p["log.dirs"]);
        Assert.Equal("y", p["key=x"]);
        Assert.Equal("café", p["u"]);
        Assert.Equal("", p["empty"]);
        Assert.Equal(7, p.Count);
    }

    [Fact]
    public void Parse_LaterKey_Wins()
    {
        Assert.Equal("2", JavaProperties.Parse("x=1\nx=2\n")["x"]);
    }
}
