using EngagementPortal.Core.Audit;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task List_IsNewestFirst_PagedAndFiltered()
    {
        await using (var db = _database.CreateContext())
        {
            var log = new AuditLog(db, _time);
            for (var i = 0; i < 60; i++)
            {
                log.Record(i % 2 == 0 ? AuditActions.SignIn : AuditActions.SignInFailed, null, $"person{i}@example.nhs.uk", subject: "subject " + i);
                _time.Advance(TimeSpan.FromMinutes(1));
            }

            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext())
        {
            var log = new AuditLog(db, _time);
            var first = await log.ListAsync(new AuditLog.Filter());
            Assert.Equal(60, first.Total);
            Assert.Equal(2, first.PageCount);
            Assert.Equal(AuditLog.PageSize, first.Entries.Count);
            Assert.Equal("person59@example.nhs.uk", first.Entries[0].Actor);

            var second = await log.ListAsync(new AuditLog.Filter(Page: 2));
            Assert.Equal(10, second.Entries.Count);
            Assert.Equal("person0@example.nhs.uk", second.Entries[^1].Actor);

            var failed = await log.ListAsync(new AuditLog.Filter(AuditActions.SignInFailed));
            Assert.Equal(30, failed.Total);
            Assert.All(failed.Entries, e => Assert.Equal(AuditActions.SignInFailed, e.Action));

            var search = await log.ListAsync(new AuditLog.Filter(Search: "person17@"));
            Assert.Equal("subject 17", Assert.Single(search.Entries).Subject);

            var beyond = await log.ListAsync(new AuditLog.Filter(Page: 99));
            Assert.Equal(2, beyond.PageNumber);
        }
    }

    [Fact]
    public async Task Record_LongText_IsCutToTheColumn()
    {
        await using var db = _database.CreateContext();
        var log = new AuditLog(db, _time);

        await log.RecordNowAsync(AuditActions.SignInFailed, null, new string('x', 1000), detail: new string('y', 5000));

        var entry = Assert.Single((await log.ListAsync(new AuditLog.Filter())).Entries);
        Assert.Equal(320, entry.Actor.Length);
        Assert.Equal(2000, entry.Detail!.Length);
    }
}
