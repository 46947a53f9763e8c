using KafkaAgent.Cycle;
using KafkaAgent.Configuration;
using KafkaAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace KafkaAgent.Tests.Hosting;

/// <summary>Which console formatter `run` ends up with, for each logging.format, under systemd and outside it.</summary>
public sealed class AgentLoggingTests
{
    [Theory]
    [InlineData("text", "/run/systemd/notify", ConsoleFormatterNames.Systemd)]
    [InlineData("json", "/run/systemd/notify", ConsoleFormatterNames.Json)]
    [InlineData("json", null, ConsoleFormatterNames.Json)]
    public void Configure_FormatAndServiceManager_Formatter(string format, string? notifySocket, string expected)
    {
        using var host = Build(Enum.Parse<LogFormat>(format, ignoreCase: true), notifySocket);

        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
    }

    [Fact]
    public void Configure_TextOutsideSystemd_LeavesTheHostsReadableFormat()
    {
        using var host = Build(LogFormat.Text, notifySocket: null);

        var name = host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
        Assert.True(name is null or ConsoleFormatterNames.Simple, name);
    }

    [Fact]
    public void Configure_Json_OneLineUtcTimestamps()
    {
        using var host = Build(LogFormat.Json, notifySocket: null);

        var options = host.Services.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value;
        Assert.False(options.JsonWriterOptions.Indented);
        Assert.True(options.UseUtcTimestamp);
        Assert.NotNull(options.TimestampFormat);
    }

    private static IHost Build(LogFormat format, string? notifySocket) =>
        AgentHost.Build(
            builder =>
            {
                builder.Services.AddSingleton<IAgentCycle>(FakeAgentCycle.Returning(TimeProvider.System));
                AgentLogging.Configure(builder.Services, format);
            },
            new SystemdEnvironment(name => name == "NOTIFY_SOCKET" ? notifySocket : null, processId: 1));
}
