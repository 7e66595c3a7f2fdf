using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EngagementPortal.TestCommon;
using Microsoft.Data.Sqlite;

namespace EngagementPortal.E2E.Tests;

/// <summary>
/// The portal as people meet it: the built web app started as its own process on a free loopback port,
/// in Development (so the demonstration window is open), with its own SQLite file. Extra settings are
/// passed as environment variables.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _databaseFile;
    private readonly StringWriter _log = new();

    private PortalServer(Process process, string databaseFile, Uri baseAddress)
    {
        _process = process;
        _databaseFile = databaseFile;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The server's SQLite file, for tests that arrange data through Core (a collation run, say).</summary>
    public string ConnectionString => $"Data Source={_databaseFile};Pooling=False";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<PortalServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var databaseFile = Path.Combine(Path.GetTempPath(), "engagementportal-tests", $"e2e-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        var info = WebApp([], databaseFile, settings);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new PortalServer(process, databaseFile, new Uri($"http://127.0.0.1:{port}"));
        server._settings = settings;
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    private IReadOnlyDictionary<string, string>? _settings;

    /// <summary>
    /// Runs one of the portal's commands (<c>seed-demo</c>, <c>collate</c>) as an operator would, with the same binary,
    /// settings and database as this server; returns its exit code and what it printed.
    /// </summary>
    public async Task<(int Code, string Output)> RunCommandAsync(params string[] args)
    {
        using var process = Process.Start(WebApp(args, _databaseFile, _settings)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static ProcessStartInfo WebApp(string[] args, string databaseFile, IReadOnlyDictionary<string, string>? settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebAppDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Portal"] = $"Data Source={databaseFile}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first start
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal was not ready within 60 seconds:\n{Log}");
    }

    /// <summary>The web app's own build output, beside the test's (same configuration).</summary>
    private static string WebAppDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(Repository.Root, "src", "EngagementPortal.Web", "bin", configuration, "net10.0", "EngagementPortal.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_databaseFile + suffix);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
