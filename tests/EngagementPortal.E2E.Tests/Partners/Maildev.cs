using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EngagementPortal.TestCommon;

namespace EngagementPortal.E2E.Tests.Partners;

/// <summary>maildev 2.2.1 from the repository's node_modules (<c>npm ci</c>) on free loopback ports: the portal sends
/// to it over SMTP, the test reads what arrived through its REST API (GET /email).</summary>
public sealed class Maildev : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private readonly Process _process;

    private Maildev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public static async Task<Maildev> StartAsync()
    {
        var script = Path.Combine(Repository.Root, "node_modules", "maildev", "bin", "maildev");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"maildev is not installed at {script}: run `npm ci` in the repository root.");
        }

        var (smtp, web) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--smtp", smtp.ToString(CultureInfo.InvariantCulture), "--web", web.ToString(CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var maildev = new Maildev(process, smtp, web);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await maildev._http.GetAsync(new Uri($"http://127.0.0.1:{web}/email"));
                if (response.IsSuccessStatusCode)
                {
                    return maildev;
                }
            }
            catch (HttpRequestException)
            {
                // not up yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("maildev did not start within 30 seconds");
    }

    /// <summary>Waits (the outbox job sends every few seconds) for a message to that address whose subject contains the words.</summary>
    public async Task<(string Subject, string Text)> WaitForAsync(string to, string subjectContains)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var messages = await _http.GetFromJsonAsync<List<JsonElement>>(new Uri($"http://127.0.0.1:{WebPort}/email"));
            foreach (var message in messages!)
            {
                var subject = message.GetProperty("subject").GetString() ?? "";
                var recipients = message.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString());
                if (recipients.Contains(to, StringComparer.OrdinalIgnoreCase) && subject.Contains(subjectContains, StringComparison.Ordinal))
                {
                    return (subject, message.GetProperty("text").GetString() ?? "");
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No email to {to} about \"{subjectContains}\" arrived within 90 seconds");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
