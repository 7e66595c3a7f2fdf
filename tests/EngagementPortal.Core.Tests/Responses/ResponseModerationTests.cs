using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using static EngagementPortal.Core.Tests.Responses.ResponseFixtures;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class ResponseModerationTests : IDisposable
{
    private static readonly DateTime Day = new(2020, 11, 20, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private async Task<T> WithModerationAsync<T>(Func<ResponseModeration, Task<T>> act)
    {
        await using var db = _database.CreateContext();
        return await act(new ResponseModeration(db, new AuditLog(db, _time), _time));
    }

    [Fact]
    public async Task Moderate_WithAReason_SetsStateKeepsTheRowBumpsUpdatedAndAudits()
    {
        var version = await AddConsultationAsync(_database);
        var response = Response(version, Day).WithAnswer("ft", text: "Same again");
        await AddAsync(_database, response);

        var result = await WithModerationAsync(m => m.ModerateAsync(version.ConsultationId, response.Id, ModerationState.Duplicate, "  Same person as ICS-2222  ", Officer));

        Assert.Equal(HandlingOutcome.Done, result.Outcome);
        await using var db = _database.CreateContext();
        var stored = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.Id == response.Id);
        Assert.Equal(ModerationState.Duplicate, stored.ModerationState);
        Assert.Equal("Same person as ICS-2222", stored.ModerationReason);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, stored.UpdatedUtc);
        Assert.Single(stored.Answers);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ResponseModerated);
        Assert.Equal(ResponseList.SubjectOf(response.Reference), entry.Subject);
        Assert.Equal("None → Duplicate: Same person as ICS-2222", entry.Detail);
    }

    [Fact]
    public async Task Moderate_WithoutStateOrReason_IsInvalidAndChangesNothing()
    {
        var version = await AddConsultationAsync(_database);
        var response = Response(version, Day);
        await AddAsync(_database, response);

        var result = await WithModerationAsync(m => m.ModerateAsync(version.ConsultationId, response.Id, null, " ", Officer));

        Assert.Equal(HandlingOutcome.Invalid, result.Outcome);
        Assert.Equal(["State", "Reason"], result.Errors.Select(e => e.Field));
        await using var db = _database.CreateContext();
        Assert.Equal(ModerationState.None, (await db.Responses.SingleAsync()).ModerationState);
        Assert.Empty(db.AuditEntries);
    }

    [Fact]
    public async Task Moderate_ResponseOfAnotherConsultation_IsNotFound()
    {
        var version = await AddConsultationAsync(_database);
        var other = await AddConsultationAsync(_database);
        var response = Response(version, Day);
        await AddAsync(_database, response);

        var result = await WithModerationAsync(m => m.ModerateAsync(other.ConsultationId, response.Id, ModerationState.Spam, "advert", Officer));

        Assert.Equal(HandlingOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task Redact_KeepsTheOriginal_BuildsOnEarlierRedactions_AndClearing_RestoresIt()
    {
        var version = await AddConsultationAsync(_database);
        var response = Response(version, Day).WithAnswer("ft", text: "I am Jane Smith, call 07700 900123");
        await AddAsync(_database, response);
        long answerId;
        await using (var db = _database.CreateContext())
        {
            answerId = (await db.ResponseAnswers.SingleAsync()).Id;
        }

        Assert.Equal(HandlingOutcome.Done, (await WithModerationAsync(m => m.RedactAsync(version.ConsultationId, response.Id, answerId, "Jane Smith", Officer))).Outcome);
        Assert.Equal(HandlingOutcome.Done, (await WithModerationAsync(m => m.RedactAsync(version.ConsultationId, response.Id, answerId, "07700 900123", Officer))).Outcome);
        var missing = await WithModerationAsync(m => m.RedactAsync(version.ConsultationId, response.Id, answerId, "Jane Smith", Officer));

        await using (var db = _database.CreateContext())
        {
            var answer = await db.ResponseAnswers.SingleAsync();
            Assert.Equal("I am Jane Smith, call 07700 900123", answer.Text);
            Assert.Equal("I am [redacted], call [redacted]", answer.RedactedText);
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ResponseRedacted));
        }

        // Staff search the original text: the index still names this response for it, and only it.
        await using (var db = _database.CreateContext())
        {
            var found = await new ResponseList(db).ListAsync(version.ConsultationId, new ResponseFilter { Search = "jane smith" });
            Assert.Equal([response.Reference], found.Rows.Select(r => r.Reference));
            Assert.Equal(1, found.Total);
            var indexed = await db.Database.SqlQuery<Guid>($"""SELECT "ResponseId" AS "Value" FROM "response_answer_text" WHERE "response_answer_text" MATCH '"07700"'""").ToListAsync();
            Assert.Equal([response.Id], indexed);
        }

        Assert.Equal(HandlingOutcome.Invalid, missing.Outcome);
        Assert.Equal(HandlingOutcome.Done, (await WithModerationAsync(m => m.ClearRedactionAsync(version.ConsultationId, response.Id, answerId, Officer))).Outcome);
        await using var check = _database.CreateContext();
        Assert.Null((await check.ResponseAnswers.SingleAsync()).RedactedText);
    }
}
