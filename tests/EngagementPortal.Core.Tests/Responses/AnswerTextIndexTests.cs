using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.Responses;

/// <summary>The answer-text index taken in after the commit (docs/adr/0150): the triggers note answers, the catch-up
/// indexes them, and a change or delete never leaves the index out of step.</summary>
public sealed class AnswerTextIndexTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WritingAnAnswer_NotesIt_AndTheCatchUpIndexesIt()
    {
        var (_, response) = await AddResponseAsync(("q1", "Buses to the hospital stop at six"), ("q2", null), ("q3", "Community transport helps"));

        Assert.Equal(0L, await MatchesAsync("hospital"));
        Assert.Equal(2, await PendingAsync());

        Assert.Equal(2, await CatchUpAsync());

        Assert.Equal(0, await PendingAsync());
        Assert.Equal(1L, await MatchesAsync("hospital"));
        Assert.Equal(1L, await MatchesAsync("transport"));
        Assert.Equal([response.Id], await IndexedResponsesAsync("\"transport\""));
        Assert.Equal(0, await CatchUpAsync());
        await AssertIndexWholeAsync();
    }

    [Fact]
    public async Task DeletingAnAnswerStillWaiting_LeavesNothingToIndex()
    {
        var (_, response) = await AddResponseAsync(("q1", "Mental health services"));

        await using (var db = _database.CreateContext())
        {
            await db.ResponseAnswers.Where(a => a.ResponseId == response.Id).ExecuteDeleteAsync();
        }

        Assert.Equal(0, await PendingAsync());
        Assert.Equal(0, await CatchUpAsync());
        Assert.Equal(0L, await MatchesAsync("mental"));
        await AssertIndexWholeAsync();
    }

    [Fact]
    public async Task DeletingAnIndexedAnswer_TakesItOutOfTheIndex()
    {
        var (_, response) = await AddResponseAsync(("q1", "Mental health services"), ("q2", "Mental wellbeing"));
        await CatchUpAsync();

        await using (var db = _database.CreateContext())
        {
            await db.ResponseAnswers.Where(a => a.ResponseId == response.Id && a.QuestionKey == "q1").ExecuteDeleteAsync();
        }

        Assert.Equal(1L, await MatchesAsync("mental"));
        Assert.Equal(0L, await MatchesAsync("services"));
        await AssertIndexWholeAsync();
    }

    [Fact]
    public async Task ChangingAnIndexedAnswer_TakesTheOldTextOut_AndIndexesTheNewAtTheNextCatchUp()
    {
        var (_, response) = await AddResponseAsync(("q1", "Old wording about pharmacies"));
        await CatchUpAsync();

        await SetTextAsync(response.Id, "q1", "New wording about dentists");

        Assert.Equal(0L, await MatchesAsync("pharmacies"));
        Assert.Equal(1, await PendingAsync());
        Assert.Equal(1, await CatchUpAsync());
        Assert.Equal(1L, await MatchesAsync("dentists"));
        Assert.Equal(0L, await MatchesAsync("pharmacies"));
        await AssertIndexWholeAsync();
    }

    [Fact]
    public async Task ChangingAnAnswerStillWaiting_IndexesOnlyItsTextAsItStands()
    {
        var (_, response) = await AddResponseAsync(("q1", "First draft about parking"));

        await SetTextAsync(response.Id, "q1", "Final words about opening hours");

        Assert.Equal(1, await PendingAsync());
        await CatchUpAsync();
        Assert.Equal(0L, await MatchesAsync("parking"));
        Assert.Equal(1L, await MatchesAsync("opening hours"));
        await AssertIndexWholeAsync();
    }

    [Fact]
    public async Task ClearingAnAnswersText_TakesItOutOfTheIndex_AndOffTheList()
    {
        var (_, response) = await AddResponseAsync(("q1", "Waiting times"), ("q2", "Waiting lists"));
        await CatchUpAsync();

        await SetTextAsync(response.Id, "q1", null);
        await SetTextAsync(response.Id, "q2", "Waiting rooms");
        await SetTextAsync(response.Id, "q2", null);

        Assert.Equal(0, await PendingAsync());
        Assert.Equal(0L, await MatchesAsync("waiting"));
        await AssertIndexWholeAsync();
    }

    [Fact]
    public async Task CatchUp_OfMoreThanOneBatch_IndexesEveryAnswer()
    {
        var count = (AnswerTextIndex.BatchSize * 2) + 7;
        await AddResponseAsync([.. Enumerable.Range(0, count).Select(i => ($"q{i}", (string?)$"answer {i} about social care"))]);

        Assert.Equal(count, await CatchUpAsync());

        Assert.Equal((long)count, await MatchesAsync("social care"));
        Assert.Equal(0, await PendingAsync());
        await AssertIndexWholeAsync();
    }

    [Fact]
    public async Task Search_FindsAnAnswerWrittenMomentsAgo_WithoutWaitingForTheJob()
    {
        var (version, response) = await AddResponseAsync(("q1", "Integrated care boards should listen"));

        await using var db = _database.CreateContext();
        var page = await new ResponseList(db).ListAsync(version.ConsultationId, new ResponseFilter { Search = "listen" });

        Assert.Equal([response.Reference], page.Rows.Select(r => r.Reference));
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task SearchIndexJob_IndexesWhatIsWaiting_AndSaysHowMuch()
    {
        await AddResponseAsync(("q1", "One"), ("q2", "Two"), ("q3", "Three"));

        await using var db = _database.CreateContext();
        var outcome = await new SearchIndexJob(new AnswerTextIndex(db)).RunAsync(NoProgress.Instance, CancellationToken.None);

        Assert.Equal("Indexed 3 answer(s).", outcome.Summary);
        Assert.Equal(0, await PendingAsync());
    }

    private async Task<(ConsultationVersion Version, Response Response)> AddResponseAsync(params (string Key, string? Text)[] answers)
    {
        var version = await JourneyStoreTests.AddConsultationAsync(_database);
        var response = new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = version.ConsultationId,
            ConsultationVersionId = version.Id,
            Reference = "ICS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            IdempotencyKey = Guid.NewGuid().ToString(),
            SubmittedUtc = new DateTime(2020, 12, 1, 10, 0, 0, DateTimeKind.Utc),
            UpdatedUtc = new DateTime(2020, 12, 1, 10, 0, 0, DateTimeKind.Utc),
        };
        await using var db = _database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Responses.Add(response);
        await db.SaveChangesAsync();
        await db.InsertRowsAsync([.. answers.Select(a => new ResponseAnswer { ResponseId = response.Id, ConsultationId = version.ConsultationId, QuestionKey = a.Key, Text = a.Text })]);
        await transaction.CommitAsync();
        return (version, response);
    }

    private async Task SetTextAsync(Guid responseId, string key, string? text)
    {
        await using var db = _database.CreateContext();
        await db.ResponseAnswers.Where(a => a.ResponseId == responseId && a.QuestionKey == key).ExecuteUpdateAsync(s => s.SetProperty(a => a.Text, text));
    }

    private async Task<int> CatchUpAsync()
    {
        await using var db = _database.CreateContext();
        return await new AnswerTextIndex(db).CatchUpAsync();
    }

    private async Task<int> PendingAsync()
    {
        await using var db = _database.CreateContext();
        return await db.PendingAnswerTexts.CountAsync();
    }

    private async Task<long> MatchesAsync(string term)
    {
        await using var db = _database.CreateContext();
        var phrase = "\"" + term + "\"";
        return await db.Database.SqlQuery<long>($"""SELECT COUNT(*) AS "Value" FROM "response_answer_text" WHERE "response_answer_text" MATCH {phrase}""").SingleAsync();
    }

    private async Task<List<Guid>> IndexedResponsesAsync(string phrase)
    {
        await using var db = _database.CreateContext();
        return await db.Database.SqlQuery<Guid>($"""SELECT "ResponseId" AS "Value" FROM "response_answer_text" WHERE "response_answer_text" MATCH {phrase}""").ToListAsync();
    }

    // FTS5's own consistency check: it fails if a delete ever named a row the index did not hold as it was.
    private async Task AssertIndexWholeAsync()
    {
        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "response_answer_text" ("response_answer_text") VALUES ('integrity-check')""");
    }
}
