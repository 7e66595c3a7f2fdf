using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class JourneyStoreTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    internal static async Task<ConsultationVersion> AddConsultationAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var consultation = new Consultation { Id = Guid.NewGuid(), Slug = "c" + Guid.NewGuid().ToString("N")[..8], CreatedUtc = DateTime.UtcNow };
        var version = JourneyCoordinatorTests.Version(JourneyCoordinatorTests.Q(1), JourneyCoordinatorTests.Q(2));
        version.Id = Guid.NewGuid();
        version.ConsultationId = consultation.Id;
        version.State = VersionState.Published;
        version.AuthoredOpensUtc = new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        version.AuthoredClosesUtc = new DateTime(2021, 1, 8, 23, 59, 59, DateTimeKind.Utc);
        version.ApplyDemoShift(0);
        consultation.Versions.Add(version);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        version.Consultation = consultation;
        return version;
    }

    [Fact]
    public async Task Update_FromTwoTabsWithTheSameStartingState_KeepsBothChanges()
    {
        var version = await AddConsultationAsync(_database);
        string token;
        await using (var db = _database.CreateContext())
        {
            var store = new JourneyStore(db, _time);
            (var journey, token) = store.Start(version);
            await store.UpdateAsync(journey, s => s.Completed.Add("about-you"));
        }

        await using var tab1 = _database.CreateContext();
        await using var tab2 = _database.CreateContext();
        var store1 = new JourneyStore(tab1, _time);
        var store2 = new JourneyStore(tab2, _time);
        var journey1 = (await store1.FindAsync(token, version.ConsultationId))!;
        var journey2 = (await store2.FindAsync(token, version.ConsultationId))!;

        await store1.UpdateAsync(journey1, s => s.Answers["k1"] = new AnswerState { Choice = "Agree" });
        await store2.UpdateAsync(journey2, s => s.Answers["k2"] = new AnswerState { Choice = "Disagree" });

        await using var check = _database.CreateContext();
        var state = JourneyState.FromJson((await new JourneyStore(check, _time).FindAsync(token, version.ConsultationId))!.State);
        Assert.Equal("Agree", state.Answers["k1"].Choice);
        Assert.Equal("Disagree", state.Answers["k2"].Choice);
    }

    [Fact]
    public async Task Find_AfterTheConsultationCloses_FindsNothing()
    {
        var version = await AddConsultationAsync(_database);
        await using var db = _database.CreateContext();
        var store = new JourneyStore(db, _time);
        var (journey, token) = store.Start(version);
        await store.UpdateAsync(journey, _ => { });

        _time.SetUtcNow(new DateTimeOffset(2021, 1, 9, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(await store.FindAsync(token, version.ConsultationId));
    }

    [Fact]
    public async Task Find_WithAWrongOrOtherConsultationsToken_FindsNothing()
    {
        var version = await AddConsultationAsync(_database);
        var other = await AddConsultationAsync(_database);
        await using var db = _database.CreateContext();
        var store = new JourneyStore(db, _time);
        var (journey, token) = store.Start(version);
        await store.UpdateAsync(journey, _ => { });

        Assert.Null(await store.FindAsync(token + "x", version.ConsultationId));
        Assert.Null(await store.FindAsync(token, other.ConsultationId));
        Assert.NotNull(await store.FindAsync(token, version.ConsultationId));
    }
}
