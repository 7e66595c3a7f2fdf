using EngagementPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementPortal.TestCommon;

/// <summary>A real SQLite file per test class, migrated, deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "engagementportal-tests");
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={FilePath};Pooling=False";
        using var db = CreateContext();
        PortalDatabase.MigrateAsync(db).GetAwaiter().GetResult();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>A context on the file; <paramref name="interceptors"/> as the portal adds them (e.g. the signal that
    /// tells the published-version cache a consultation changed).</summary>
    public SqlitePortalDbContext CreateContext(params IInterceptor[] interceptors) => new(new DbContextOptionsBuilder<SqlitePortalDbContext>()
        .UseSqlite(ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .AddInterceptors(interceptors)
        .Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // best effort: a temp file left behind is harmless
            }
        }
    }
}
