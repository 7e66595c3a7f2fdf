using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace EngagementPortal.TestCommon;

/// <summary>
/// A real SMTP server for the tests: maildev 2.2.1 from the repository's node_modules (<c>npm ci</c> installs it),
/// on free loopback ports, read back through its REST API. It can be stopped and started again on the same SMTP
/// port; its messages live in memory, so <see cref="CollectAsync"/> gathers them before each stop. Shared by the
/// SMTP transport's tests and the browser tests, which wait for what the portal's outbox job sent.
/// </summary>
public sealed class MaildevServer : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private Process? _process;

    public int SmtpPort { get; } = FreePort();

    public int WebPort { get; } = FreePort();

    /// <summary>Every message read back so far, across restarts, duplicates kept.</summary>
    public List<JsonElement> Received { get; } = [];

    public static string Script => Path.Combine(Repository.Root, "node_modules", "maildev", "bin", "maildev");

    public async Task StartAsync()
    {
        if (!File.Exists(Script))
        {
            throw new InvalidOperationException($"maildev is not installed at {Script}: run `npm ci` in the repository root.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Script, "--smtp", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await SmtpAnswersAsync())
            {
                try
                {
                    using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{WebPort}/email"));
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not up yet
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("maildev did not start within 30 seconds");
    }

    /// <summary>Reads what the server holds into <see cref="Received"/> and empties it.</summary>
    public async Task CollectAsync()
    {
        var messages = await _http.GetFromJsonAsync<List<JsonElement>>(new Uri($"http://127.0.0.1:{WebPort}/email"));
        Received.AddRange(messages!);
        using var deleted = await _http.DeleteAsync(new Uri($"http://127.0.0.1:{WebPort}/email/all"));
    }

    /// <summary>Waits (an outbox job sends every few seconds) for a message to that address whose subject contains the
    /// words; leaves what the server holds as it is.</summary>
    public async Task<(string Subject, string Text)> WaitForAsync(string to, string subjectContains, TimeSpan? within = null)
    {
        var wait = within ?? TimeSpan.FromSeconds(90);
        var deadline = DateTime.UtcNow + wait;
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

        throw new TimeoutException($"No email to {to} about \"{subjectContains}\" arrived within {wait.TotalSeconds:N0} seconds");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
