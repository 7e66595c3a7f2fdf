using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using ModerationState = EngagementPortal.Core.Responses.ModerationState;

namespace EngagementPortal.Core.Tests.Coding;

public sealed class CodingFrameTests : IDisposable
{
    private static readonly Actor Officer = new(Guid.NewGuid(), "officer@example.nhs.uk");
    private static readonly DateTime Opens = new(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 12, 10, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private (PortalDbContext Db, CodingFrame Frame) Services()
    {
        var db = _database.CreateContext();
        return (db, new CodingFrame(db, new AuditLog(db, _time), _time));
    }

    private async Task<(Guid Id, long[] Answers)> SeedAsync()
    {
        await using var db = _database.CreateContext();
        var id = await SeededConsultation.CreateAsync(db, Opens, Opens.AddDays(40));
        var texts = new[] { "More GP appointments please", "Longer pharmacy hours", "Better buses to the hospital" };
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            await SeededConsultation.RespondAsync(db, id, Opens.AddDays(1 + i), agree: "Agree", ideas: text);
        }

        await SeededConsultation.RespondAsync(db, id, Opens.AddDays(5), ideas: "Spam text", moderation: ModerationState.Spam);
        var answers = await db.ResponseAnswers.Where(a => a.ConsultationId == id && a.QuestionKey == "q-ft" && a.Text != "Spam text").OrderBy(a => a.Id).Select(a => a.Id).ToArrayAsync();
        return (id, answers);
    }

    private async Task<Guid> ThemeAsync(Guid id, string name, string? description = null)
    {
        var (db, frame) = Services();
        await using var _ = db;
        var result = await frame.CreateThemeAsync(id, "q-ft", name, description, Officer);
        Assert.Equal(CodingOutcome.Done, result.Outcome);
        return result.ThemeId!.Value;
    }

    [Fact]
    public async Task Questions_ListEveryPlaceTextIsTyped_WithCountedAnswersOnly()
    {
        var (id, _) = await SeedAsync();
        var (db, frame) = Services();
        await using var _ = db;

        var questions = await frame.QuestionsAsync(id);

        Assert.Equal(["q-ad-explain", "q-mc", "q-ft"], questions!.Select(q => q.Key));
        var ideas = questions!.Single(q => q.Key == "q-ft");
        Assert.Equal(3, ideas.Answers); // the spam response is left out
        Assert.Equal(0, ideas.Coded);
        Assert.Null(await frame.QuestionsAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task CreateTheme_EmptyOrDuplicateName_IsInvalid()
    {
        var (id, _) = await SeedAsync();
        await ThemeAsync(id, "Access to GPs");
        var (db, frame) = Services();
        await using var _ = db;

        var empty = await frame.CreateThemeAsync(id, "q-ft", "  ", null, Officer);
        var duplicate = await frame.CreateThemeAsync(id, "q-ft", "access to GPs", null, Officer);
        var unknownQuestion = await frame.CreateThemeAsync(id, "q-nope", "Anything", null, Officer);

        Assert.Equal("Enter a name for the theme", Assert.Single(empty.Problems).Message);
        Assert.Equal("There is already a theme called \u201caccess to GPs\u201d for this question", Assert.Single(duplicate.Problems).Message);
        Assert.Equal(CodingOutcome.NotFound, unknownQuestion.Outcome);
        Assert.Equal(1, await db.CodingThemes.CountAsync());
    }

    [Fact]
    public async Task Tag_SetsThemes_BumpsUpdatedUtc_AndIsAudited()
    {
        var (id, answers) = await SeedAsync();
        var gp = await ThemeAsync(id, "Access to GPs");
        var hours = await ThemeAsync(id, "Opening hours");
        _time.Advance(TimeSpan.FromHours(1));
        var (db, frame) = Services();
        await using var _ = db;

        var result = await frame.TagAsync(id, "q-ft", answers[0], [gp, hours], Officer);

        Assert.Equal(CodingOutcome.Done, result.Outcome);
        Assert.Equal(2, await db.AnswerThemes.CountAsync(t => t.ResponseAnswerId == answers[0]));
        var responseId = await db.ResponseAnswers.Where(a => a.Id == answers[0]).Select(a => a.ResponseId).SingleAsync();
        Assert.Equal(_time.GetUtcNow().UtcDateTime, (await db.Responses.SingleAsync(r => r.Id == responseId)).UpdatedUtc);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.AnswerCoded);
        Assert.EndsWith("q-ft: Access to GPs; Opening hours", entry.Detail, StringComparison.Ordinal);
        var progress = (await frame.QuestionAsync(id, "q-ft"))!;
        Assert.Equal((3, 1, 33), (progress.Answers, progress.Coded, progress.PercentCoded));

        Assert.Equal(CodingOutcome.Done, (await frame.TagAsync(id, "q-ft", answers[0], [hours], Officer)).Outcome);
        Assert.Equal([hours], await db.AnswerThemes.Where(t => t.ResponseAnswerId == answers[0]).Select(t => t.ThemeId).ToListAsync());
    }

    [Fact]
    public async Task Tag_ThemeOfAnotherQuestionOrUnknownAnswer_IsRefused()
    {
        var (id, answers) = await SeedAsync();
        var (db, frame) = Services();
        await using var _ = db;
        var other = (await frame.CreateThemeAsync(id, "q-ad-explain", "Trust", null, Officer)).ThemeId!.Value;

        Assert.Equal(CodingOutcome.Invalid, (await frame.TagAsync(id, "q-ft", answers[0], [other], Officer)).Outcome);
        Assert.Equal(CodingOutcome.NotFound, (await frame.TagAsync(id, "q-ft", 999_999, [], Officer)).Outcome);
        Assert.Equal(0, await db.AnswerThemes.CountAsync());
    }

    [Fact]
    public async Task Answer_StartsAtTheFirstUncoded_AndKnowsItsNeighbours()
    {
        var (id, answers) = await SeedAsync();
        var gp = await ThemeAsync(id, "Access to GPs");
        var (db, frame) = Services();
        await using var _ = db;
        await frame.TagAsync(id, "q-ft", answers[0], [gp], Officer);

        var first = await frame.AnswerAsync(id, "q-ft", null);
        var chosen = await frame.AnswerAsync(id, "q-ft", answers[0]);

        Assert.Equal(answers[1], first!.AnswerId);
        Assert.Equal("Longer pharmacy hours", first.Text);
        Assert.Equal((2, 3, answers[0], answers[2]), (first.Position, first.Total, first.PreviousId, first.NextId));
        Assert.Equal([gp], chosen!.ThemeIds);
        Assert.Null(chosen.PreviousId);
        Assert.Null(await frame.AnswerAsync(id, "q-mc", null));
    }

    [Fact]
    public async Task Rename_KeepsTags_AndTouchesTheirResponses()
    {
        var (id, answers) = await SeedAsync();
        var gp = await ThemeAsync(id, "Access to GPs");
        await ThemeAsync(id, "Opening hours");
        var (db, frame) = Services();
        await using var _ = db;
        await frame.TagAsync(id, "q-ft", answers[0], [gp], Officer);
        _time.Advance(TimeSpan.FromDays(1));

        var taken = await frame.RenameThemeAsync(id, gp, "Opening Hours", null, Officer);
        var renamed = await frame.RenameThemeAsync(id, gp, "GP appointments", "Getting to see a GP", Officer);

        Assert.Equal(CodingOutcome.Invalid, taken.Outcome);
        Assert.Equal(CodingOutcome.Done, renamed.Outcome);
        await using var check = _database.CreateContext();
        var theme = await check.CodingThemes.SingleAsync(t => t.Id == gp);
        Assert.Equal(("GP appointments", "Getting to see a GP"), (theme.Name, theme.Description));
        Assert.Equal(1, await check.AnswerThemes.CountAsync(t => t.ThemeId == gp));
        var responseId = await check.ResponseAnswers.Where(a => a.Id == answers[0]).Select(a => a.ResponseId).SingleAsync();
        Assert.Equal(_time.GetUtcNow().UtcDateTime, (await check.Responses.SingleAsync(r => r.Id == responseId)).UpdatedUtc);
        Assert.Contains(await check.AuditEntries.Select(e => e.Detail).ToListAsync(), d => d == "Access to GPs \u2192 GP appointments");
    }

    [Fact]
    public async Task Merge_MovesEveryTag_WithoutDuplicates_AndKeepsTheMergedRow()
    {
        var (id, answers) = await SeedAsync();
        var gp = await ThemeAsync(id, "Access to GPs");
        var appointments = await ThemeAsync(id, "Appointments");
        var (db, frame) = Services();
        await using var _ = db;
        await frame.TagAsync(id, "q-ft", answers[0], [gp, appointments], Officer);
        await frame.TagAsync(id, "q-ft", answers[1], [appointments], Officer);
        await frame.TagAsync(id, "q-ft", answers[2], [gp], Officer);
        _time.Advance(TimeSpan.FromDays(1));

        var result = await frame.MergeThemesAsync(id, appointments, gp, Officer);

        Assert.Equal(CodingOutcome.Done, result.Outcome);
        await using var check = _database.CreateContext();
        Assert.Equal(answers, await check.AnswerThemes.Where(t => t.ThemeId == gp).OrderBy(t => t.ResponseAnswerId).Select(t => t.ResponseAnswerId).ToArrayAsync());
        Assert.Equal(3, await check.AnswerThemes.CountAsync());
        Assert.Equal(gp, (await check.CodingThemes.SingleAsync(t => t.Id == appointments)).MergedIntoThemeId);
        Assert.Equal(["Access to GPs"], (await frame.ThemesAsync(id, "q-ft")).Select(t => t.Name));
        Assert.Equal(3, (await frame.QuestionAsync(id, "q-ft"))!.Coded);
        var touched = await check.Responses.CountAsync(r => r.UpdatedUtc == _time.GetUtcNow().UtcDateTime);
        Assert.Equal(2, touched); // the two responses that carried the merged theme
        Assert.Equal("Appointments \u2192 Access to GPs: 2 tags moved, 1 already there", (await check.AuditEntries.SingleAsync(e => e.Action == AuditActions.CodingThemesMerged)).Detail);
    }

    [Fact]
    public async Task Merge_IntoItselfOrAMergedTheme_IsInvalid()
    {
        var (id, _) = await SeedAsync();
        var gp = await ThemeAsync(id, "Access to GPs");
        var appointments = await ThemeAsync(id, "Appointments");
        var (db, frame) = Services();
        await using var _ = db;

        Assert.Equal("Select a different theme: a theme cannot be merged into itself", Assert.Single((await frame.MergeThemesAsync(id, gp, gp, Officer)).Problems).Message);
        Assert.Equal("Select the theme to merge it into", Assert.Single((await frame.MergeThemesAsync(id, gp, null, Officer)).Problems).Message);
        Assert.Equal(CodingOutcome.Done, (await frame.MergeThemesAsync(id, appointments, gp, Officer)).Outcome);
        Assert.Equal(CodingOutcome.Invalid, (await frame.MergeThemesAsync(id, gp, appointments, Officer)).Outcome);
        Assert.Equal(CodingOutcome.NotFound, (await frame.MergeThemesAsync(id, appointments, gp, Officer)).Outcome);
    }

    [Fact]
    public async Task Suggestion_ComesFromTheNewestSucceededRun()
    {
        var (id, answers) = await SeedAsync();
        var (db, frame) = Services();
        await using var _ = db;
        var responseId = await db.ResponseAnswers.Where(a => a.Id == answers[1]).Select(a => a.ResponseId).SingleAsync();
        db.CollationRuns.Add(Run(id, _time.GetUtcNow().UtcDateTime.AddDays(-2), CollationRunStatus.Succeeded, responseId, "Old suggestion"));
        db.CollationRuns.Add(Run(id, _time.GetUtcNow().UtcDateTime.AddDays(-1), CollationRunStatus.Succeeded, responseId, "Opening hours"));
        db.CollationRuns.Add(Run(id, _time.GetUtcNow().UtcDateTime, CollationRunStatus.Failed, responseId, "From a failed run"));
        await db.SaveChangesAsync();

        var answer = await frame.AnswerAsync(id, "q-ft", answers[1]);

        Assert.Equal(["Opening hours"], answer!.SuggestedThemes);
        Assert.Empty((await frame.AnswerAsync(id, "q-ft", answers[0]))!.SuggestedThemes);
    }

    [Fact]
    public async Task AcceptSuggestion_TagsWithExistingAndNewThemes_KeepingTags()
    {
        var (id, answers) = await SeedAsync();
        var hours = await ThemeAsync(id, "Opening hours");
        var gp = await ThemeAsync(id, "Access to GPs");
        var (db, frame) = Services();
        await using var _ = db;
        await frame.TagAsync(id, "q-ft", answers[1], [gp], Officer);
        var responseId = await db.ResponseAnswers.Where(a => a.Id == answers[1]).Select(a => a.ResponseId).SingleAsync();
        db.CollationRuns.Add(Run(id, _time.GetUtcNow().UtcDateTime, CollationRunStatus.Succeeded, responseId, "opening hours"));
        db.CollationRuns.Add(Run(id, _time.GetUtcNow().UtcDateTime.AddMinutes(-1), CollationRunStatus.Succeeded, responseId, "Older"));
        await db.SaveChangesAsync();

        var accepted = await frame.AcceptSuggestionAsync(id, "q-ft", answers[1], Officer);
        var none = await frame.AcceptSuggestionAsync(id, "q-ft", answers[0], Officer);

        Assert.Equal(CodingOutcome.Done, accepted.Outcome);
        Assert.Equal(new[] { gp, hours }.Order(), (await db.AnswerThemes.Where(t => t.ResponseAnswerId == answers[1]).Select(t => t.ThemeId).ToListAsync()).Order());
        Assert.Equal(2, await db.CodingThemes.CountAsync());
        Assert.Equal("There is no suggestion for this answer: select its themes instead", Assert.Single(none.Problems).Message);
    }

    private static CollationRun Run(Guid consultationId, DateTime finished, CollationRunStatus status, Guid responseId, string theme)
    {
        var question = new QuestionEvidence("q-ft", 3, "What should we change?", [], 3, [], [], [new AnswerSuggestion(responseId.ToString(), [theme], 0.8)], []);
        var content = new CollationContent("review", new ResponseCounts(3, 0, 0, 0, 3, 0, 0, 0, []), [question], new PartnerPositions([], []), [], [], "method");
        return new CollationRun
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            Status = status,
            StartedUtc = finished.AddMinutes(-1),
            FinishedUtc = finished,
            SnapshotJson = SnapshotJson.Serialize(new CollationSnapshot(finished, "hash", content)),
        };
    }
}
