using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EngagementPortal.TestCommon;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EngagementPortal.Web.Tests;

/// <summary>
/// The real portal in memory, on its own SQLite file, with a clock the test moves. By default it is
/// 1 December 2020, when the Integrating care consultation was open, and the demonstration window is off.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), "engagementportal-tests", $"web-{Guid.NewGuid():N}.db");

    public PortalFactory()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databaseFile)!);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Settings a test class adds (applied before the host is built).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string DatabaseFile => _databaseFile;

    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "engagementportal-tests", $"web-mail-{Guid.NewGuid():N}");
    /// <summary>Uploaded documents go here, not into the repository's umbraco/Data.</summary>
    public string DocumentsFolder => _databaseFile + "-documents";

    /// <summary>Everything the portal logged (the setup link is printed here at first start).</summary>
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={_databaseFile}");
        builder.UseSetting("Demo:Enabled", "false");

        // Page tests run without the scheduler (a test class that needs it sets Jobs:Enabled), and mail goes to a temp folder.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Documents:Path", DocumentsFolder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILoggerProvider>(Log);
        });
    }

    /// <summary>A client that does not follow redirects, so tests see the 302/303 itself.</summary>
    public HttpClient CreatePortalClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(MailFolder))
            {
                Directory.Delete(MailFolder, recursive: true);
            }

            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    if (suffix.Length == 0 && Directory.Exists(DocumentsFolder))
                    {
                        Directory.Delete(DocumentsFolder, recursive: true);
                    }

                    File.Delete(_databaseFile + suffix);
                }
                catch (IOException)
                {
                    // best effort
                }
            }
        }
    }
}

public static class HtmlResponse
{
    public static async Task<IHtmlDocument> ReadHtmlAsync(this HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
