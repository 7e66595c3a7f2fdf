using System.Collections.Concurrent;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using EngagementPortal.TestCommon;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace EngagementPortal.Core.Tests.Jobs;

/// <summary>Quartz with its ADO.NET store in a real, migrated SQLite file: the schema our migration makes is the one
/// Quartz 4.7.3 accepts, and a run missed while the portal was down happens once on start.</summary>
public sealed class QuartzStoreTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Start_MigratedDatabase_QuartzValidatesItsSchemaAndStoresTriggers()
    {
        await using var provider = Scheduler(_database.ConnectionString);
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await JobSchedules.EnsureAsync(scheduler, [Daily("probe")], typeof(CountingJob), CancellationToken.None);
        await scheduler.Start();
        await scheduler.Shutdown(true);

        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM qrtz_triggers WHERE TRIGGER_NAME = 'probe'"));
    }

    [Fact]
    public async Task Ensure_JobLeftTheCatalogue_ItsJobAndTriggerRemoved()
    {
        await using var provider = Scheduler(_database.ConnectionString);
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await JobSchedules.EnsureAsync(scheduler, [Daily("kept"), Daily("umbraco-sync")], typeof(CountingJob), CancellationToken.None);

        // Content:Source switched back to the built-in store: the sync is no longer in the catalogue.
        await JobSchedules.EnsureAsync(scheduler, [Daily("kept")], typeof(CountingJob), CancellationToken.None);
        await scheduler.Shutdown(false);

        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM qrtz_triggers WHERE TRIGGER_NAME = 'kept'"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM qrtz_job_details WHERE JOB_NAME = 'umbraco-sync'"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM qrtz_triggers WHERE TRIGGER_NAME = 'umbraco-sync'"));
    }

    [Fact]
    public async Task Migration_QuartzTables_SameColumnsAsQuartzCreatesItself()
    {
        var created = Path.Combine(Path.GetTempPath(), "engagementportal-tests", $"quartz-{Guid.NewGuid():N}.db");
        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddQuartz(q => q.UsePersistentStore(s =>
            {
                s.UsePortalDatabase(new PortalConnection(PortalConnection.Sqlite, $"Data Source={created};Pooling=False"));
                s.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.CreateIfMissing);
            }));
            await using (var provider = services.BuildServiceProvider())
            {
                var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
                await scheduler.Start();
                await scheduler.Shutdown(false);
            }

            Assert.Equal(Columns($"Data Source={created};Pooling=False"), Columns(_database.ConnectionString));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(created);
        }
    }

    [Theory]
    [InlineData("cron")]
    [InlineData("interval")]
    public async Task Restart_AfterMissingSeveralRuns_RunsOnceNotZeroNotTwice(string kind)
    {
        var definition = kind == "cron" ? Daily("missed") : new JobDefinition("missed", "Missed", "", typeof(CountingJob), new JobSchedule.Every(TimeSpan.FromHours(1)));

        // First life: the schedule is stored, then the portal stops.
        await using (var first = Scheduler(_database.ConnectionString))
        {
            var scheduler = await first.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await JobSchedules.EnsureAsync(scheduler, [definition], typeof(CountingJob), CancellationToken.None);
            await scheduler.Shutdown(false);
        }

        // Down for three days: the stored next run is long past, three or more runs were missed.
        Execute($"UPDATE qrtz_triggers SET NEXT_FIRE_TIME = {DateTimeOffset.UtcNow.AddDays(-3).UtcTicks} WHERE TRIGGER_NAME = 'missed'");

        var runs = new ConcurrentBag<DateTimeOffset>();
        await using var second = Scheduler(_database.ConnectionString, runs);
        var restarted = await second.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await JobSchedules.EnsureAsync(restarted, [definition], typeof(CountingJob), CancellationToken.None);
        await restarted.Start();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (runs.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var next = (await restarted.GetTrigger(JobSchedules.TriggerKeyFor("missed")))!.NextFireTimeUtc;
        await restarted.Shutdown(true);

        Assert.Single(runs);
        Assert.True(next > DateTimeOffset.UtcNow, $"next run {next} should be in the future");
    }

    private static JobDefinition Daily(string name) =>
        new(name, name, "", typeof(CountingJob), new JobSchedule.Cron("0 0 9 * * ?"));

    private static ServiceProvider Scheduler(string connectionString, ConcurrentBag<DateTimeOffset>? runs = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(runs ?? []);
        services.AddQuartz(q => q.UsePersistentStore(s => s.UsePortalDatabase(new PortalConnection(PortalConnection.Sqlite, connectionString))));
        return services.BuildServiceProvider();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every qrtz_ table's columns with type, nullability and key position, lower-cased names.</summary>
    private static List<string> Columns(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND lower(name) LIKE 'qrtz_%' ORDER BY lower(name)";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var lines = new List<string>();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA table_info(\"{table}\")";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lines.Add($"{table.ToLowerInvariant()}.{reader.GetString(1).ToUpperInvariant()} {reader.GetString(2).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()} notnull={reader.GetInt64(3)} pk={reader.GetInt64(5)}");
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }
}

/// <summary>Counts its runs; the only Quartz job type the tests schedule.</summary>
public sealed class CountingJob(ConcurrentBag<DateTimeOffset> runs) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        runs.Add(DateTimeOffset.UtcNow);
        return ValueTask.CompletedTask;
    }
}
