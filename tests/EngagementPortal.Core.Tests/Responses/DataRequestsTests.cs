using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static EngagementPortal.Core.Tests.Responses.ResponseFixtures;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class DataRequestsTests : IDisposable
{
    private static readonly DateTime Day = new(2020, 11, 20, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private async Task<T> WithRequestsAsync<T>(Func<DataRequests, Task<T>> act)
    {
        await using var db = _database.CreateContext();
        return await act(new DataRequests(db, _time, new AuditLog(db, _time), new EmailOutbox(db, _time), Options.Create(new EmailOptions())));
    }

    private async Task<(Response Response, Guid RequestId)> RequestAsync(DataRequestKind kind, string email = "Person@Example.com")
    {
        var version = await AddConsultationAsync(_database);
        var response = Response(version, Day, r => { r.Email = "person@example.com"; r.PostcodeDistrict = "YO1"; r.PublishingConsent = PublishingConsent.PublishWithName; r.PublishedName = "Pat"; })
            .WithAnswer("ft", text: "My <b>own</b> words").WithAnswer("ad", choice: "Agree");
        await AddAsync(_database, response);
        await WithRequestsAsync(async r => { await r.RecordAsync(kind, response.Reference, email); return 0; });
        await using var db = _database.CreateContext();
        return (response, (await db.DataRequests.SingleAsync()).Id);
    }

    [Fact]
    public async Task Record_MatchingReferenceAndEmail_LinksTheResponse_AndListShowsItOpen()
    {
        var (response, _) = await RequestAsync(DataRequestKind.Copy);

        var open = await WithRequestsAsync(r => r.ListAsync(DataRequestState.Open));

        Assert.Equal(response.Id, Assert.Single(open).ResponseId);
        Assert.Empty(await WithRequestsAsync(r => r.ListAsync(DataRequestState.Completed)));
    }

    [Fact]
    public async Task DownloadCopy_HasEveryAnswerAndPersonalDetail_CompletesAndAudits()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Copy);

        var copy = await WithRequestsAsync(r => r.DownloadCopyAsync(id, Officer));

        Assert.NotNull(copy);
        Assert.Equal($"response-{response.Reference}.txt", copy.FileName);
        Assert.Contains("My <b>own</b> words", copy.Text, StringComparison.Ordinal);
        Assert.Contains("2. Do you agree?\nAgree", copy.Text, StringComparison.Ordinal);
        Assert.Contains("Email: person@example.com", copy.Text, StringComparison.Ordinal);
        var details = await WithRequestsAsync(r => r.FindAsync(id));
        Assert.Equal(DataRequestState.Completed, details!.Request.State);
        Assert.Equal(AuditActions.DataRequestHandled, Assert.Single(details.History).Action);
    }

    [Fact]
    public async Task EmailCopy_QueuesItToTheRequester_Encoded_AndCompletes()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Copy);

        var result = await WithRequestsAsync(r => r.EmailCopyAsync(id, Officer));

        Assert.Equal(HandlingOutcome.Done, result.Outcome);
        await using var db = _database.CreateContext();
        var message = await db.OutboxMessages.SingleAsync();
        Assert.Equal(DataRequests.CopyKind, message.Kind);
        Assert.Equal("Person@Example.com", message.To);
        Assert.Equal(response.Reference, message.CorrelationId);
        Assert.Contains("My <b>own</b> words", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("My &lt;b&gt;own&lt;/b&gt; words", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(DataRequestState.Completed, (await db.DataRequests.SingleAsync()).State);
    }

    [Fact]
    public async Task Erase_RemovesAnswersAndPersonalData_KeepsTheReferenceWithdrawn_AndCompletes()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Deletion);
        await using (var setup = _database.CreateContext())
        {
            new EmailOutbox(setup, _time).Enqueue(ReceiptEmail.ReceiptKind, "person@example.com", "Your response", "My own words", "<p>My own words</p>", response.Reference, response.ConsultationId);
            await setup.SaveChangesAsync();
        }

        var result = await WithRequestsAsync(r => r.EraseAsync(id, Officer));

        Assert.Equal(HandlingOutcome.Done, result.Outcome);
        await using var db = _database.CreateContext();
        var stored = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.Id == response.Id);
        Assert.Empty(stored.Answers);
        Assert.Null(stored.Email);
        Assert.Null(stored.PostcodeDistrict);
        Assert.Null(stored.PublishedName);
        Assert.Equal(ModerationState.Withdrawn, stored.ModerationState);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, stored.UpdatedUtc);
        Assert.Equal(DataRequestState.Completed, (await db.DataRequests.SingleAsync()).State);
        var receipt = await db.OutboxMessages.SingleAsync();
        Assert.Equal(["[erased]", "[erased]", "[erased]"], [receipt.To, receipt.TextBody, receipt.HtmlBody]);
        Assert.Equal(OutboxState.DeadLettered, receipt.State);
        Assert.Equal(2, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Erase_TakesTheAnswersOutOfTheSearchIndex_WhichStaysWhole()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Deletion);
        var before = await SearchAsync(response.ConsultationId, "own</b> words");

        await WithRequestsAsync(r => r.EraseAsync(id, Officer));

        Assert.Equal(1, before.Total);
        Assert.Equal(0, (await SearchAsync(response.ConsultationId, "own</b> words")).Total);
        await using var db = _database.CreateContext();
        var indexed = await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "response_answer_text" WHERE "ResponseId" = {response.Id}""").SingleAsync();
        Assert.Equal(0, indexed);
        // FTS5's own check that the index is consistent after the delete trigger ran.
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "response_answer_text" ("response_answer_text") VALUES ('integrity-check')""");
    }

    private async Task<ResponseListPage> SearchAsync(Guid consultationId, string term)
    {
        await using var db = _database.CreateContext();
        return await new ResponseList(db).ListAsync(consultationId, new ResponseFilter { Search = term });
    }

    [Fact]
    public async Task Unmatched_CannotBeCopiedOrErased_OnlyDeclinedWithAReason()
    {
        var (_, id) = await RequestAsync(DataRequestKind.Deletion, email: "someone.else@example.com");

        Assert.Null(await WithRequestsAsync(r => r.DownloadCopyAsync(id, Officer)));
        Assert.Equal(HandlingOutcome.NotFound, (await WithRequestsAsync(r => r.EraseAsync(id, Officer))).Outcome);
        Assert.Equal(HandlingOutcome.Invalid, (await WithRequestsAsync(r => r.DeclineAsync(id, " ", Officer))).Outcome);
        Assert.Equal(HandlingOutcome.Done, (await WithRequestsAsync(r => r.DeclineAsync(id, "Reference and email do not match", Officer))).Outcome);

        await using var db = _database.CreateContext();
        Assert.Equal(DataRequestState.Declined, (await db.DataRequests.SingleAsync()).State);
        Assert.Equal(2, await db.ResponseAnswers.CountAsync());
        Assert.Equal("Declined: Reference and email do not match", (await db.AuditEntries.SingleAsync()).Detail);
    }
}
