using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KafkaAgent.TestBed.Ports;

namespace KafkaAgent.Tests.Support;

/// <summary>
/// Debian's real Prometheus server (the binary only, not its systemd service) on a loopback port, with a
/// temporary config, rules and TSDB; read through its HTTP API. Stopped and deleted on dispose.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly PortLease _port;
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(string directory, PortLease port, Process process)
    {
        Directory = directory;
        this._port = port;
        this._process = process;
        _http.BaseAddress = new Uri($"http://127.0.0.1:{port.Port}/");
    }

    public string Directory { get; }

    public string LogPath => Path.Combine(Directory, "prometheus.log");

    /// <param name="config">prometheus.yml; may name rule files written into <paramref name="directory"/>.</param>
    public static PrometheusServer Start(string directory, string config)
    {
        File.WriteAllText(Path.Combine(directory, "prometheus.yml"), config);
        var lease = PortAllocator.Allocate();
        var info = new ProcessStartInfo(PrometheusTools.Prometheus)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + Path.Combine(directory, "prometheus.yml"),
            "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            "--web.listen-address=127.0.0.1:" + lease.Port.ToString(CultureInfo.InvariantCulture),
            "--storage.tsdb.retention.time=1h",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var log = Path.Combine(directory, "prometheus.log");
        process.ErrorDataReceived += (_, e) => AgentProcess.Append(log, e.Data);
        process.OutputDataReceived += (_, e) => AgentProcess.Append(log, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(directory, lease, process);
        try
        {
            server.WaitReady(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private void WaitReady(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}: {Log()}");
            }

            try
            {
                using var response = _http.GetAsync(new Uri("-/ready", UriKind.Relative)).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException($"prometheus not ready after {timeout}: {Log()}");
    }

    /// <summary>An instant query; each sample as its labels and value.</summary>
    public List<(Dictionary<string, string> Labels, double Value)> Query(string promql)
    {
        using var json = Get("api/v1/query?query=" + Uri.EscapeDataString(promql));
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => (Labels(r.GetProperty("metric")), double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>Active alerts (pending or firing) with their labels.</summary>
    public List<(Dictionary<string, string> Labels, string State)> Alerts()
    {
        using var json = Get("api/v1/alerts");
        return json.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => (Labels(a.GetProperty("labels")), a.GetProperty("state").GetString()!))
            .ToList();
    }

    /// <summary>Scrape targets with their health (up, down, unknown) and last error.</summary>
    public List<(Dictionary<string, string> Labels, string Health, string Error)> Targets()
    {
        using var json = Get("api/v1/targets?state=active");
        return json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => (Labels(t.GetProperty("labels")), t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString() ?? ""))
            .ToList();
    }

    /// <summary>Prometheus's log for a failure message: its last 3000 characters.</summary>
    public string Log() => LogExcerpt.Read(LogPath, head: 0, tail: 3000);

    private JsonDocument Get(string path)
    {
        var body = _http.GetStringAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult();
        var json = JsonDocument.Parse(body);
        if (json.RootElement.GetProperty("status").GetString() != "success")
        {
            json.Dispose();
            throw new InvalidOperationException($"{path}: {body}");
        }

        return json;
    }

    private static Dictionary<string, string> Labels(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: Prometheus closes its TSDB; SIGKILL only if it hangs.
            Shell.RunAllowingFailure("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
            if (!_process.WaitForExit(15_000))
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }

        _process.Dispose();
        _http.Dispose();
        _port.Dispose();
    }
}
