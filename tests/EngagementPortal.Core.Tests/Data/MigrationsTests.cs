using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EngagementPortal.Core.Tests.Data;

/// <summary>Migrations are written by hand (docs/adr/0003), so this proves they build exactly the schema the model describes.</summary>
public sealed class MigrationsTests
{
    /// <summary>Tables that belong to the migrations machinery or to libraries with their own scripts, not to the EF model.</summary>
    private static readonly string[] NotInModel = ["__ef_migrations", "__EFMigrationsLock", "sqlite_sequence"];

    [Fact]
    public void MigratedSchema_EqualsTheSchemaTheModelCreates()
    {
        using var migrated = new TestDatabase();
        var createdPath = Path.Combine(Path.GetTempPath(), $"ep-created-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={createdPath};Pooling=False").Options;
        using (var created = new SqlitePortalDbContext(options))
        {
            created.Database.EnsureCreated();
        }

        try
        {
            var expected = Describe($"Data Source={createdPath};Pooling=False");
            var actual = Describe(migrated.ConnectionString);
            Assert.Equal(expected, actual);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(createdPath);
        }
    }

    [Fact]
    public async Task ResponseHandlingMigration_RebuildsResponses_KeepingEveryResponseAndAnswer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ep-upgrade-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={path};Pooling=False", o => o.MigrationsHistoryTable("__ef_migrations")).Options;
        try
        {
            await using (var db = new SqlitePortalDbContext(options))
            {
                await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261122150100_QuartzTables");

                // Rows as the earlier schema held them; foreign keys off so no consultation needs building here.
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("""
                    PRAGMA foreign_keys = 0;
                    INSERT INTO responses (Id, ConsultationId, ConsultationVersionId, Reference, IdempotencyKey, RespondentType, PublishingConsent, Channel, SubmittedUtc, ModerationState)
                    VALUES ('r1', 'c1', 'v1', 'ICS-AAAA-AAAA', 'k1', 'Individual', 'DoNotPublish', 'Post', '2020-12-01 10:00:00', 'Flagged');
                    INSERT INTO response_answers (ResponseId, ConsultationId, QuestionKey, Choices, Text) VALUES ('r1', 'c1', 'q1', '[]', 'kept');
                    PRAGMA foreign_keys = 1;
                    """);
                await db.Database.CloseConnectionAsync();
            }

            await using (var db = new SqlitePortalDbContext(options))
            {
                await db.Database.MigrateAsync();
                using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
                connection.Open();
                var row = Query(connection, "SELECT Channel, ModerationState, UpdatedUtc, (SELECT Text FROM response_answers WHERE ResponseId = 'r1') FROM responses WHERE Id = 'r1'").Single();
                Assert.Equal(["Letter", "None", "2020-12-01 10:00:00", "kept"], row);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Migrate_Twice_ChangesNothing()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        await PortalDatabase.MigrateAsync(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>Every table's columns (type, nullability, key, default), indexes (unique, columns) and foreign keys, as text.</summary>
    private static List<string> Describe(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var lines = new List<string>();
        // Ordinary tables only: the FTS5 search index over answer text (a virtual table and its shadow tables, kept by
        // triggers, migration 20261122180000) is outside the EF model; ResponseListTests prove it works.
        var tables = Query(connection, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name").Select(r => r[0]).Where(t => !NotInModel.Contains(t) && !t.StartsWith("qrtz_", StringComparison.Ordinal)).ToList();
        foreach (var table in tables)
        {
            foreach (var c in Query(connection, $"PRAGMA table_info(\"{table}\")").OrderBy(r => r[1], StringComparer.Ordinal))
            {
                lines.Add($"{table}.{c[1]} {c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            }

            foreach (var index in Query(connection, $"PRAGMA index_list(\"{table}\")").Where(r => !r[1].StartsWith("sqlite_autoindex", StringComparison.Ordinal)).OrderBy(r => r[1], StringComparer.Ordinal))
            {
                var columns = string.Join(",", Query(connection, $"PRAGMA index_info(\"{index[1]}\")").Select(r => r[2]));
                lines.Add($"{table} index {index[1]} unique={index[2]} ({columns})");
            }

            foreach (var fk in Query(connection, $"PRAGMA foreign_key_list(\"{table}\")").OrderBy(r => r[3], StringComparer.Ordinal))
            {
                lines.Add($"{table} fk {fk[3]} -> {fk[2]}.{fk[4]} on delete {fk[6]}");
            }
        }

        return lines;
    }

    private static List<string[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }
}
