using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
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
    public async Task Submit_OneAfterAnother_RowIdsSortAsTheyWereMade()
    {
        // Time-ordered ids put each submit's rows at the end of every index on them (docs/adr/0152). SQLite keeps a
        // Guid as upper-case text, so that is the order to check. (The idempotency key takes the system clock's
        // millisecond, which two quick journeys may share, so it is not checked here.)
        for (var i = 0; i < 6; i++)
        {
            var (version, token) = await ReadyJourneyAsync();
            await SubmitAsync(version, token);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await using var db = _database.CreateContext();
        static void AssertSortedAsMade(List<(string Id, DateTime Made)> rows)
        {
            Assert.Equal(6, rows.Count);
            Assert.Equal(rows.OrderBy(r => r.Made).Select(r => r.Id), rows.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id));
        }

        static string Text(Guid id) => id.ToString("D").ToUpperInvariant();
        AssertSortedAsMade((await db.Responses.Select(r => new { r.Id, r.SubmittedUtc }).ToListAsync()).Select(r => (Text(r.Id), r.SubmittedUtc)).ToList());
        AssertSortedAsMade((await db.OutboxMessages.Select(m => new { m.Id, m.CreatedUtc }).ToListAsync()).Select(m => (Text(m.Id), m.CreatedUtc)).ToList());
        AssertSortedAsMade((await db.ResponseJourneys.Select(j => new { j.Id, j.CreatedUtc }).ToListAsync()).Select(j => (Text(j.Id), j.CreatedUtc)).ToList());
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

    [Fact]
    public async Task Submit_ManyAtOnce_CommitTogetherInOneTransaction_EachCallerGetsItsOwnReference()
    {
        var journeys = new List<(ConsultationVersion Version, string Token)>();
        for (var i = 0; i < 8; i++)
        {
            journeys.Add(await ReadyJourneyAsync(s => s.Answers["k1"] = new AnswerState { Choice = "Agree" }));
        }

        var commits = new CommitCounter();
        var gate = new DatabaseWriteGate(new PortalConnection(PortalConnection.Sqlite, "Data Source=unused"));
        var queue = new SubmitQueue();
        Task<SubmitResult>[] submits;
        using (await gate.EnterAsync())
        {
            // The gate is held, as by a write in progress: every submit prepares its response and waits in the queue.
            submits = [.. journeys.Select(j => Task.Run(() => SubmitThroughAsync(j.Version, j.Token, gate, queue, j.Version, commits)))];
            await WaitUntilAsync(() => queue.Waiting == journeys.Count);
        }

        var results = await Task.WhenAll(submits);

        Assert.All(results, r => Assert.Equal(SubmitOutcome.Submitted, r.Outcome));
        Assert.Equal(1, commits.Count);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), results.Select(r => ResponseReference.SequenceOf(r.Reference!)).Order());
        await using var check = _database.CreateContext();
        var stored = await check.ResponseJourneys.Where(j => j.ResponseId != null)
            .Join(check.Responses, j => j.ResponseId, r => r.Id, (j, r) => r.Reference).ToListAsync();
        Assert.Equal(results.Select(r => r.Reference).Order(), stored.Order());
        // Each journey is marked with its own response (the group marks them all in one statement), at its submit time.
        var marked = await check.ResponseJourneys.Where(j => j.ResponseId != null)
            .Join(check.Responses, j => j.ResponseId, r => r.Id, (j, r) => new { j.State, j.UpdatedUtc, r.IdempotencyKey, r.SubmittedUtc }).ToListAsync();
        Assert.Equal(8, marked.Count);
        Assert.All(marked, m => Assert.Equal(JourneyState.FromJson(m.State).IdempotencyKey, m.IdempotencyKey));
        Assert.All(marked, m => Assert.Equal(m.SubmittedUtc, m.UpdatedUtc));
        Assert.Equal(8, await check.ResponseAnswers.CountAsync());
        Assert.Equal(8, await check.OutboxMessages.CountAsync(m => m.Kind == ReceiptEmail.ReceiptKind));
    }

    [Fact]
    public async Task Submit_TwoTabsOfOneJourneyInOneGroup_StoresOneAndBothGetItsReference()
    {
        var (version, token) = await ReadyJourneyAsync();
        var gate = new DatabaseWriteGate(new PortalConnection(PortalConnection.Sqlite, "Data Source=unused"));
        var queue = new SubmitQueue();
        Task<SubmitResult>[] tabs;
        using (await gate.EnterAsync())
        {
            tabs = [.. Enumerable.Range(0, 2).Select(_ => Task.Run(() => SubmitThroughAsync(version, token, gate, queue, version)))];
            await WaitUntilAsync(() => queue.Waiting == 2);
        }

        var results = await Task.WhenAll(tabs);

        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Equal([SubmitOutcome.Submitted, SubmitOutcome.AlreadySubmitted], results.Select(r => r.Outcome).Order());
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.Responses.CountAsync());
        Assert.Equal(1, await check.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task Submit_AfterAnotherTabChangedAnAnswer_StoresTheChangedAnswer()
    {
        var (version, token) = await ReadyJourneyAsync();
        await using var db = _database.CreateContext();
        var journey = (await new JourneyStore(db, _time).FindAsync(token, version.ConsultationId))!;
        await using (var otherTab = _database.CreateContext())
        {
            var store = new JourneyStore(otherTab, _time);
            await store.UpdateAsync((await store.FindAsync(token, version.ConsultationId))!, s => s.Answers["k1"] = new AnswerState { Choice = "Disagree" });
        }

        var result = await Submission(db).SubmitAsync(journey, version, "https://portal.example");

        Assert.Equal(SubmitOutcome.Submitted, result.Outcome);
        await using var check = _database.CreateContext();
        Assert.Equal("Disagree", (await check.ResponseAnswers.SingleAsync()).Choice);
    }

    [Fact]
    public async Task Submit_OneOfAGroupFails_TheOthersAreStoredAndOnlyItsCallerSeesTheError()
    {
        var good = await ReadyJourneyAsync();
        var bad = await ReadyJourneyAsync();
        // A version that is not in the database: its response breaks the foreign key, as a corrupt row would.
        var missing = JourneyCoordinatorTests.Version(JourneyCoordinatorTests.Q(1), JourneyCoordinatorTests.Q(2));
        missing.Id = Guid.NewGuid();
        missing.ConsultationId = bad.Version.ConsultationId;
        missing.Consultation = bad.Version.Consultation;
        missing.AuthoredOpensUtc = bad.Version.AuthoredOpensUtc;
        missing.AuthoredClosesUtc = bad.Version.AuthoredClosesUtc;
        missing.ApplyDemoShift(0);
        var gate = new DatabaseWriteGate(new PortalConnection(PortalConnection.Sqlite, "Data Source=unused"));
        var queue = new SubmitQueue();
        Task<SubmitResult> goodSubmit, badSubmit;
        using (await gate.EnterAsync())
        {
            goodSubmit = Task.Run(() => SubmitThroughAsync(good.Version, good.Token, gate, queue, good.Version));
            badSubmit = Task.Run(() => SubmitThroughAsync(bad.Version, bad.Token, gate, queue, missing));
            await WaitUntilAsync(() => queue.Waiting == 2);
        }

        Assert.Equal(SubmitOutcome.Submitted, (await goodSubmit).Outcome);
        await Assert.ThrowsAnyAsync<Exception>(() => badSubmit);
        await using var check = _database.CreateContext();
        Assert.Equal((await goodSubmit).Reference, (await check.Responses.SingleAsync()).Reference);
        Assert.Equal(1, await check.ResponseJourneys.CountAsync(j => j.ResponseId != null));
    }

    /// <summary>Submits the journey as a request would: its own context, through the shared gate and queue.</summary>
    private async Task<SubmitResult> SubmitThroughAsync(ConsultationVersion journeyVersion, string token, DatabaseWriteGate gate, SubmitQueue queue, ConsultationVersion submitAs, CommitCounter? commits = null)
    {
        await using var db = commits is null ? _database.CreateContext() : _database.CreateContext(commits);
        var journey = (await new JourneyStore(db, _time).FindAsync(token, journeyVersion.ConsultationId))!;
        return await new ResponseSubmission(db, new EmailOutbox(db, _time), _time, Options.Create(new ResponseOptions()), gate, queue)
            .SubmitAsync(journey, submitAs, "https://portal.example");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The submits never reached the queue.");
            await Task.Delay(10);
        }
    }

    /// <summary>Counts committed transactions on the contexts it is given to.</summary>
    private sealed class CommitCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        private int _count;

        public int Count => _count;

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
