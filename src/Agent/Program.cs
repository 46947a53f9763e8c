using System.CommandLine;
using KafkaAgent.Cli;

// No System.CommandLine termination handler: `run`'s host stops gracefully on SIGTERM itself (STOPPING=1,
// exit 0), and the handler would cut that stop short after two seconds with exit code 143.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await AgentCommandLine.Build().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
