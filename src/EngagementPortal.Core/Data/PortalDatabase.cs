using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Core.Data;

public static class PortalDatabase
{
    public const string DefaultSqliteFile = "umbraco/Data/portal.db";

    private static readonly SqliteBusyTimeout BusyTimeout = new(TimeSpan.FromSeconds(30));

    /// <summary>Registers <see cref="PortalDbContext"/> for the configured provider. A relative SQLite path is taken
    /// from the portal root, and its folder is created, so a fresh clone needs no set-up.</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, string provider, string? connectionString, string portalRoot)
    {
        var connection = ResolveConnection(provider, connectionString, portalRoot);
        // Pooled: every public page and journey step resolves a context, and a pooled one is reset rather than built
        // (its services found, its options read). Nothing holds per-request state in the context itself.
        services.AddDbContextPool<SqlitePortalDbContext>((provider, options) =>
        {
            options
                .UseSqlite(connection.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
                .AddInterceptors(BusyTimeout)
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
            if (provider.GetService<Consultations.ConsultationChangeSignal>() is { } signal)
            {
                options.AddInterceptors(signal);
            }
        });
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<SqlitePortalDbContext>());
        services.AddSingleton(connection);
        services.AddSingleton<DatabaseWriteGate>();
        return services;
    }

    /// <summary>The provider and the connection string as used: a relative SQLite path is taken from the portal root,
    /// and its folder is created, so a fresh clone needs no set-up.</summary>
    public static PortalConnection ResolveConnection(string provider, string? connectionString, string portalRoot)
    {
        if (!string.Equals(provider, PortalConnection.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported yet; use Sqlite.");
        }

        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultSqliteFile}" : connectionString);
        if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
        {
            sqlite.DataSource = Path.GetFullPath(Path.Combine(portalRoot, sqlite.DataSource));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        sqlite.Pooling = true;
        return new PortalConnection(PortalConnection.Sqlite, sqlite.ToString());
    }

    /// <summary>Applies the hand-written migrations (docs/adr/0003). SQLite gets WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>The resolved provider and connection string, for what shares the portal's database outside EF (Quartz's job store).</summary>
public sealed record PortalConnection(string Provider, string ConnectionString)
{
    public const string Sqlite = "Sqlite";
}
