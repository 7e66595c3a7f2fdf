using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Core.Tests.Data;

public sealed class DatabaseWriteGateTests
{
    private static readonly PortalConnection Sqlite = new(PortalConnection.Sqlite, "Data Source=:memory:");

    [Fact]
    public async Task SecondWriter_WaitsUntilTheFirstLeaves()
    {
        var gate = new DatabaseWriteGate(Sqlite);
        var first = await gate.EnterAsync();

        var second = gate.EnterAsync().AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task LeavingTwice_LetsOnlyOneWriterIn()
    {
        var gate = new DatabaseWriteGate(Sqlite);
        var first = await gate.EnterAsync();
        first.Dispose();
        first.Dispose();

        using var second = await gate.EnterAsync();
        var third = gate.EnterAsync().AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
    }

    [Fact]
    public async Task GateHeldTooLong_NextWriterGoesOnToTheDatabase()
    {
        var gate = new DatabaseWriteGate(Sqlite);
        using var stuck = await gate.EnterAsync();

        using var next = await gate.EnterAsync(TimeSpan.FromMilliseconds(20));

        Assert.NotNull(next);
    }

    [Fact]
    public async Task OtherProviders_HaveNoGate()
    {
        var gate = new DatabaseWriteGate(new PortalConnection("PostgreSql", "Host=localhost"));
        using var first = await gate.EnterAsync();

        var second = gate.EnterAsync().AsTask();

        Assert.True(second.IsCompleted);
        (await second).Dispose();
    }

    [Fact]
    public async Task PortalConnections_LetSqliteWaitForItsOwnLocks()
    {
        using var database = new TestDatabase();
        var services = new ServiceCollection().AddPortalDatabase("Sqlite", database.ConnectionString, Path.GetTempPath()).BuildServiceProvider();
        // The second scope gets the pooled native connection back, which was set once and kept it.
        for (var scopes = 0; scopes < 2; scopes++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

            var timeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();

            Assert.Equal(30_000, timeout);
        }
    }
}
