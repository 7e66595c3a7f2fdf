using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementPortal.Web.Tests;

/// <summary>The whole portal in memory over a real SQLite file of its own, with a clock the test moves.</summary>
public sealed class PortalFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "engagementportal-tests", $"web-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Time { get; } = new();

    public PortalDbContext CreateDbContext() => Services.CreateScope().ServiceProvider.GetRequiredService<PortalDbContext>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={_databasePath}");
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Jobs:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_databasePath + suffix);
            }
            catch (IOException)
            {
                // best effort: a temp file left behind is harmless
            }
        }
    }
}
