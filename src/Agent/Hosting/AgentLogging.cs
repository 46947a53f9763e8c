using System.Text.Json;
using KafkaAgent.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace KafkaAgent.Hosting;

/// <summary>The console log format of the daemon (agent.yaml <c>logging.format</c>).</summary>
internal static class AgentLogging
{
    /// <summary>
    /// Registered after the service-manager integration, so json wins over systemd's console format; text leaves the
    /// host's choice alone (systemd's format, with journald priorities, under systemd; the simple one elsewhere).
    /// </summary>
    public static void Configure(IServiceCollection services, LogFormat format)
    {
        if (format != LogFormat.Json)
        {
            return;
        }

        // Microsoft.Extensions.Logging's JSON formatter writes EventId, LogLevel, Category, Message and every template
        // value under State (Finding, Action, Outcome...) with Utf8JsonWriter: no reflection, one object per line.
        services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
        services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            o.IncludeScopes = false;
        });
    }
}
