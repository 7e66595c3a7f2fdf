using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.PartnershipResponses;

public sealed class PartnershipResponseDraftingTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2020, 12, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Officer = new(Guid.NewGuid(), "officer@example.nhs.uk");
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(At.AddHours(1));

    public void Dispose() => _database.Dispose();

    private PartnershipResponseDrafting Drafting(Core.Data.PortalDbContext db) => new(db, new AuditLog(db, _time), _time);

    private async Task<(Guid ConsultationId, CollationRun Run)> SeedAsync(int extra = 0, DateTimeOffset? at = null)
    {
        await using var db = _database.CreateContext();
        var consultation = await db.Consultations.SingleOrDefaultAsync(c => c.Slug == "integrating-care") ?? await PartnershipFixtures.AddConsultationAsync(db);
        var run = await PartnershipFixtures.CollateAndStoreAsync(db, "integrating-care", at ?? At, extra: extra);
        return (consultation.Id, run);
    }

    private static Dictionary<string, string> Narratives(string q1, string q2 = "") => new() { ["q1"] = q1, ["q2"] = q2 };

    [Fact]
    public async Task SaveDraft_ValidCitations_MakesVersionOneOverTheSnapshot_AndAudits()
    {
        var (id, run) = await SeedAsync();
        await using var db = _database.CreateContext();

        var result = await Drafting(db).SaveDraftAsync(id, run.Id, Narratives("Most agreed [[tally:Q1]].\n\nNo evidence here."), Officer);

        Assert.Equal(PartnershipOutcome.Done, result.Outcome);
        Assert.Single(result.WarningList);
        await using var check = _database.CreateContext();
        var version = await check.PartnershipResponseVersions.SingleAsync();
        Assert.Equal((1, PartnershipResponseState.Draft, run.Id, run.ContentHash), (version.Number, version.State, version.CollationRunId, version.SnapshotHash));
        Assert.Equal("Most agreed [[tally:Q1]].\n\nNo evidence here.", version.NarrativeFor("q1"));
        Assert.Equal(AuditActions.PartnershipResponseSaved, (await check.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task SaveDraft_CitationAbsentFromSnapshot_RefusedWithItsMessage_NothingSaved()
    {
        var (id, run) = await SeedAsync();
        await using var db = _database.CreateContext();

        var result = await Drafting(db).SaveDraftAsync(id, run.Id, Narratives("[[theme:Workforce]]"), Officer);

        Assert.Equal(PartnershipOutcome.Invalid, result.Outcome);
        var problem = Assert.Single(result.ProblemList);
        Assert.Equal("narrative-q1", problem.Field);
        Assert.StartsWith("Question 1: [[theme:Workforce]] cites a theme that is not in this question's evidence", problem.Message, StringComparison.Ordinal);
        await using var check = _database.CreateContext();
        Assert.False(await check.PartnershipResponseVersions.AnyAsync());
    }

    [Fact]
    public async Task SaveDraft_NoSnapshotChosen_Refused()
    {
        var (id, _) = await SeedAsync();
        await using var db = _database.CreateContext();

        var result = await Drafting(db).SaveDraftAsync(id, Guid.NewGuid(), Narratives("x"), Officer);

        Assert.Equal("Run", Assert.Single(result.ProblemList).Field);
    }

    [Fact]
    public async Task SignOff_LocksTheVersion_AndTheNextSaveMakesANewDraft()
    {
        var (id, run) = await SeedAsync();
        await using (var db = _database.CreateContext())
        {
            await Drafting(db).SaveDraftAsync(id, run.Id, Narratives("Most agreed [[tally:Q1]]."), Officer);
            var signed = await Drafting(db).SignOffAsync(id, 1, "Jane Smith", "Director of Strategy", Officer);
            Assert.Equal(PartnershipOutcome.Done, signed.Outcome);
        }

        await using (var db = _database.CreateContext())
        {
            var again = await Drafting(db).SignOffAsync(id, 1, "Jane Smith", "Director of Strategy", Officer);
            Assert.Equal("Version 1 was signed off already. Edit the response to start a new draft.", Assert.Single(again.ProblemList).Message);
            var second = await Drafting(db).SaveDraftAsync(id, run.Id, Narratives("Changed [[tally:Q1]]."), Officer);
            Assert.Equal(2, second.Version!.Number);
        }

        await using var check = _database.CreateContext();
        var first = await check.PartnershipResponseVersions.SingleAsync(v => v.Number == 1);
        Assert.Equal((PartnershipResponseState.SignedOff, "Jane Smith", "Director of Strategy", At.AddHours(1).UtcDateTime), (first.State, first.SignedOffBy, first.SignedOffRole, first.SignedOffUtc));
        Assert.Equal("Most agreed [[tally:Q1]].", first.NarrativeFor("q1"));
        Assert.Contains(await check.AuditEntries.Select(e => e.Action).ToListAsync(), a => a == AuditActions.PartnershipResponseSignedOff);
    }

    [Fact]
    public async Task SignOff_WithoutNameOrRole_TwoErrors()
    {
        var (id, run) = await SeedAsync();
        await using var db = _database.CreateContext();
        await Drafting(db).SaveDraftAsync(id, run.Id, Narratives(""), Officer);

        var result = await Drafting(db).SignOffAsync(id, 1, " ", null, Officer);

        Assert.Equal(["SignedOffBy", "SignedOffRole"], result.ProblemList.Select(p => p.Field));
    }

    [Fact]
    public async Task ResponsesSinceSignOff_NewerRunAfterSignOff_CountsTheDifference()
    {
        var (id, run) = await SeedAsync();
        await using (var db = _database.CreateContext())
        {
            await Drafting(db).SaveDraftAsync(id, run.Id, Narratives(""), Officer);
            await Drafting(db).SignOffAsync(id, 1, "Jane Smith", "Director", Officer);
            var version = await db.PartnershipResponseVersions.SingleAsync();
            Assert.Null(await Drafting(db).ResponsesSinceSignOffAsync(version));
        }

        await SeedAsync(extra: 3, at: At.AddDays(1));

        await using var check = _database.CreateContext();
        Assert.Equal(3, await Drafting(check).ResponsesSinceSignOffAsync(await check.PartnershipResponseVersions.SingleAsync()));
    }

    [Fact]
    public async Task Publish_DraftRefused_SignedOffPublishedOnTheResultsPage()
    {
        var (id, run) = await SeedAsync();
        await using var db = _database.CreateContext();
        var drafting = Drafting(db);
        await drafting.SaveDraftAsync(id, run.Id, Narratives("Most agreed [[tally:Q1]]."), Officer);
        Assert.Null(await drafting.PublishedAsync("integrating-care"));

        var early = await drafting.PublishAsync(id, 1, "You said; we did.", Officer);
        await drafting.SignOffAsync(id, 1, "Jane Smith", "Director", Officer);
        var empty = await drafting.PublishAsync(id, 1, "", Officer);
        var published = await drafting.PublishAsync(id, 1, "You said **local accountability**; we kept councils on the board.", Officer);

        Assert.Equal("Only a signed-off version can be published. Sign it off first.", early.ProblemList.Single(p => p.Field.Length == 0).Message);
        Assert.Equal("YouSaidWeDid", Assert.Single(empty.ProblemList).Field);
        Assert.Equal(PartnershipOutcome.Done, published.Outcome);
        var view = await drafting.PublishedAsync("integrating-care");
        Assert.NotNull(view);
        Assert.Equal("You said **local accountability**; we kept councils on the board.", view.Document.YouSaidWeDid);
        Assert.Equal("Most agreed \\[1\\].", view.Document.Sections[0].NarrativeMarkdown);
    }

    [Fact]
    public async Task Publish_WithTheResultsAddress_TellsEachRespondentWhoGaveAnEmail_Once()
    {
        var (id, run) = await SeedAsync();
        await using (var db = _database.CreateContext())
        {
            var versionId = await db.ConsultationVersions.Where(v => v.ConsultationId == id).Select(v => v.Id).FirstAsync();
            Response Row(string reference, string? email) => new()
            {
                Id = Guid.NewGuid(),
                ConsultationId = id,
                ConsultationVersionId = versionId,
                Reference = reference,
                IdempotencyKey = reference,
                Email = email,
                SubmittedUtc = At.UtcDateTime,
                UpdatedUtc = At.UtcDateTime,
            };
            db.Responses.AddRange(Row("ICS-AAAA-AAA1", "resident@example.org"), Row("ICS-AAAA-AAA2", null));
            await db.SaveChangesAsync();
        }

        await using var work = _database.CreateContext();
        var tell = new YouSaidWeDid(work, new EmailOutbox(work, _time), new SentNotices(work, _time), Microsoft.Extensions.Options.Options.Create(new EmailOptions()));
        var drafting = new PartnershipResponseDrafting(work, new AuditLog(work, _time), _time, tell);
        await drafting.SaveDraftAsync(id, run.Id, Narratives("Most agreed [[tally:Q1]]."), Officer);
        await drafting.SignOffAsync(id, 1, "Jane Smith", "Director", Officer);

        var published = await drafting.PublishAsync(id, 1, "You said; we did.", Officer, resultsUrl: "https://portal.example/consultations/integrating-care/results");
        var again = await drafting.PublishAsync(id, 1, "You said; we did.", Officer, resultsUrl: "https://portal.example/consultations/integrating-care/results");

        Assert.Equal(PartnershipOutcome.Done, published.Outcome);
        Assert.Equal(PartnershipOutcome.Invalid, again.Outcome);
        await using var check = _database.CreateContext();
        var message = Assert.Single(await check.OutboxMessages.Where(m => m.Kind == YouSaidWeDid.Kind).ToListAsync());
        Assert.Equal("resident@example.org", message.To);
    }

    [Fact]
    public async Task Snapshot_QuotesOnlyFromRespondentsWhoChoseToPublish()
    {
        var (id, run) = await SeedAsync();
        await using var db = _database.CreateContext();

        var snapshot = (await Drafting(db).SnapshotAsync(id, run.Id))!;

        var json = SnapshotJson.Serialize(snapshot);
        Assert.DoesNotContain(PartnershipFixtures.PrivateText, json, StringComparison.Ordinal);
        Assert.Contains("Local accountability matters more than structures.", json, StringComparison.Ordinal);
    }
}
