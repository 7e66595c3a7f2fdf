using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class ResponseSubmissionTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private ResponseSubmission Submission(Core.Data.PortalDbContext db) =>
        new(db, new EmailOutbox(db, _time), _time, Options.Create(new ResponseOptions()));

    private async Task<(Core.Consultations.ConsultationVersion Version, string Token)> ReadyJourneyAsync(Action<JourneyState>? change = null)
    {
        var version = await JourneyStoreTests.AddConsultationAsync(_database);
        await using var db = _database.CreateContext();
        var store = new JourneyStore(db, _time);
        var (journey, token) = store.Start(version);
        await store.UpdateAsync(journey, s =>
        {
            s.RespondentType = RespondentType.Individual;
            s.Email = "person@example.com";
            s.Answers["k1"] = new AnswerState { Choice = "Agree" };
            s.Publishing = PublishingConsent.DoNotPublish;
            foreach (var step in new JourneyCoordinator(version).Steps)
            {
                s.Completed.Add(step);
            }

            change?.Invoke(s);
        });
        return (version, token);
    }

    private async Task<SubmitResult> SubmitAsync(Core.Consultations.ConsultationVersion version, string token)
    {
        await using var db = _database.CreateContext();
        var journey = (await new JourneyStore(db, _time).FindAsync(token, version.ConsultationId))!;
        return await Submission(db).SubmitAsync(journey, version, "https://portal.example");
    }

    [Fact]
    public async Task Submit_CompleteJourney_StoresTheResponseAnswersAndReceiptTogether()
    {
        var (version, token) = await ReadyJourneyAsync();

        var result = await SubmitAsync(version, token);

        Assert.Equal(SubmitOutcome.Submitted, result.Outcome);
        await using var db = _database.CreateContext();
        var response = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.Reference == result.Reference);
        Assert.Equal("Agree", Assert.Single(response.Answers).Choice);
        var receipt = await db.OutboxMessages.SingleAsync(m => m.CorrelationId == result.Reference);
        Assert.Equal(ReceiptEmail.ReceiptKind, receipt.Kind);
        Assert.Contains("https://portal.example/your-response", receipt.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_QuestionInItsSecondMeaning_AnswersStoredUnderTheRevisionsKeys_OldMeaningsAnswerNot()
    {
        ConsultationVersion version;
        await using (var db = _database.CreateContext())
        {
            var consultation = await db.Consultations.FindAsync((await JourneyStoreTests.AddConsultationAsync(_database)).ConsultationId);
            version = await db.ConsultationVersions.SingleAsync(v => v.ConsultationId == consultation!.Id);
            // Umbraco changed question 1 from agree/disagree to yes/no after responses existed: revision 2.
            version.Questions = [version.Questions[0] with { Type = QuestionType.YesNo, Revision = 2, FollowUpLabel = "Why?" }, version.Questions[1]];
            await db.SaveChangesAsync();
            version.Consultation = consultation!;
        }

        string token;
        await using (var db = _database.CreateContext())
        {
            var store = new JourneyStore(db, _time);
            (var journey, token) = store.Start(version);
            await store.UpdateAsync(journey, s =>
            {
                s.RespondentType = RespondentType.Individual;
                s.Answers["k1"] = new AnswerState { Choice = "Agree" }; // given to the old meaning in an earlier visit
                s.Answers["k1-explain"] = new AnswerState { Text = "About the old question" };
                s.Answers["k1@2"] = new AnswerState { Choice = "Yes" };
                s.Answers["k1-explain@2"] = new AnswerState { Text = "About the new question" };
                s.Answers["k2"] = new AnswerState { Choice = "Disagree" };
                s.Publishing = PublishingConsent.DoNotPublish;
                foreach (var step in new JourneyCoordinator(version).Steps)
                {
                    s.Completed.Add(step);
                }
            });
        }

        var result = await SubmitAsync(version, token);

        Assert.Equal(SubmitOutcome.Submitted, result.Outcome);
        await using var check = _database.CreateContext();
        var answers = await check.ResponseAnswers.Where(a => a.ConsultationId == version.ConsultationId).OrderBy(a => a.QuestionKey).Select(a => a.QuestionKey + "=" + (a.Choice ?? a.Text)).ToListAsync();
        Assert.Equal(["k1-explain@2=About the new question", "k1@2=Yes", "k2=Disagree"], answers);
    }

    [Fact]
    public async Task Submit_Twice_ReturnsTheSameReferenceAndStoresOne()
    {
        var (version, token) = await ReadyJourneyAsync();

        var first = await SubmitAsync(version, token);
        var second = await SubmitAsync(version, token);

        Assert.Equal(SubmitOutcome.AlreadySubmitted, second.Outcome);
        Assert.Equal(first.Reference, second.Reference);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Responses.CountAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task Submit_Concurrently_StoresOneAndEveryCallerGetsItsReference()
    {
        var (version, token) = await ReadyJourneyAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SubmitAsync(version, token))));

        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Single(results, r => r.Outcome == SubmitOutcome.Submitted);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Responses.CountAsync());
    }

    [Fact]
    public async Task Submit_ManyJourneys_GivesConsecutiveSequencesAndDistinctReferences()
    {
        var references = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (version, token) = await ReadyJourneyAsync();
            references.Add((await SubmitAsync(version, token)).Reference!);
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], references.Select(ResponseReference.SequenceOf));
    }

    [Fact]
    public async Task Submit_WithAStepMissing_SaysWhichAndStoresNothing()
    {
        var (version, token) = await ReadyJourneyAsync(s => s.Completed.Remove("equality"));

        var result = await SubmitAsync(version, token);

        Assert.Equal(new SubmitResult(SubmitOutcome.Incomplete, Step: "equality"), result);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Responses.CountAsync());
    }

    [Fact]
    public async Task Submit_AfterClosing_IsRefusedAndStoresNothing()
    {
        var (version, token) = await ReadyJourneyAsync();
        _time.SetUtcNow(new DateTimeOffset(2021, 1, 8, 23, 59, 59, TimeSpan.Zero));

        await using var db = _database.CreateContext();
        var journey = await db.ResponseJourneys.SingleAsync();
        var result = await Submission(db).SubmitAsync(journey, version, "https://portal.example");

        Assert.Equal(SubmitOutcome.NotOpen, result.Outcome);
        Assert.Equal(0, await db.Responses.CountAsync());
    }
}
