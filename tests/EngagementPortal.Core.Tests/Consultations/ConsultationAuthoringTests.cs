using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.Consultations;

public sealed class ConsultationAuthoringTests : IDisposable
{
    private static readonly Actor Officer = new(Guid.NewGuid(), "officer@example.nhs.uk");
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 11, 20, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private static DraftFields Fields(string slug = "community-services") => new()
    {
        Title = "Community services review",
        Slug = slug,
        Summary = "How community services should work from 2022.",
        Body = "## What we propose\n\nMore care closer to home.",
        Audience = ["Members of the public", "Partner organisations"],
        OpensUtc = new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc),
        ClosesUtc = new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc),
        PartnershipDeadlineUtc = new DateTime(2021, 1, 4, 17, 0, 0, DateTimeKind.Utc),
        Documents = [new SupportingDocument { Title = "Full proposal", Url = "https://example.nhs.uk/proposal.pdf", Format = "PDF" }],
    };

    private static Question AgreeQuestion(string text = "Do you agree with the proposal?") => new() { Key = "", Number = 0, Text = text, Type = QuestionType.AgreeDisagree, Options = Question.AgreeDisagreeOptions, Required = true, FollowUpLabel = "Please explain your answer" };

    private (PortalDbContext Db, ConsultationAuthoring Authoring, ConsultationQueries Queries) Services()
    {
        var db = _database.CreateContext();
        return (db, new ConsultationAuthoring(db, new AuditLog(db, _time), _time), new ConsultationQueries(db, _time));
    }

    private async Task<Guid> CreateWithQuestionAsync()
    {
        var (db, authoring, _) = Services();
        await using var _ = db;
        var created = await authoring.CreateAsync(Fields(), Officer);
        Assert.Equal(AuthoringOutcome.Done, created.Outcome);
        Assert.Equal(AuthoringOutcome.Done, (await authoring.SaveQuestionAsync(created.ConsultationId!.Value, null, AgreeQuestion(), Officer)).Outcome);
        return created.ConsultationId!.Value;
    }

    [Fact]
    public async Task Create_MakesABackOfficeDraftThePublicCannotSee()
    {
        var id = await CreateWithQuestionAsync();
        var (db, _, queries) = Services();
        await using var __ = db;

        var consultation = await db.Consultations.Include(c => c.Versions).SingleAsync(c => c.Id == id);
        Assert.Equal(ContentOrigin.BackOffice, consultation.Origin);
        var draft = Assert.Single(consultation.Versions);
        Assert.Equal(VersionState.Draft, draft.State);
        Assert.Equal("q-", draft.Questions.Single().Key[..2]);
        Assert.Equal(64, draft.ContentHash.Length);
        Assert.Null(await queries.FindPublishedAsync("community-services"));
    }

    [Fact]
    public async Task Create_TakenSlugOrBadFields_IsInvalid()
    {
        await CreateWithQuestionAsync();
        var (db, authoring, _) = Services();
        await using var __ = db;

        var taken = await authoring.CreateAsync(Fields(), Officer);
        var bad = await authoring.CreateAsync(Fields("Not A Slug") with { Title = "", ClosesUtc = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, Officer);

        Assert.Equal("Another consultation already uses this web address", Assert.Single(taken.Problems).Message);
        Assert.Equal(["Title", "Slug", "Closes", "PartnershipDeadline"], bad.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task Publish_ThenEdit_MakesANewDraftAndLeavesThePublishedVersionAlone()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, queries) = Services();
        await using var __ = db;

        Assert.Equal(AuthoringOutcome.Done, (await authoring.PublishAsync(id, null, null, Officer)).Outcome);
        var published = await queries.FindPublishedAsync("community-services");
        Assert.Equal(1, published!.Number);

        Assert.Equal(AuthoringOutcome.Done, (await authoring.SaveDraftAsync(id, Fields() with { Title = "Community services review (updated)" }, Officer)).Outcome);
        Assert.Equal("Community services review", (await queries.FindPublishedAsync("community-services"))!.Title);

        Assert.Equal(AuthoringOutcome.Done, (await authoring.PublishAsync(id, null, null, Officer)).Outcome);
        var versions = await db.ConsultationVersions.AsNoTracking().Where(v => v.ConsultationId == id).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal([VersionState.Superseded, VersionState.Published], versions.Select(v => v.State));
        Assert.Equal("Community services review (updated)", (await queries.FindPublishedAsync("community-services"))!.Title);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ConsultationPublished));
    }

    [Fact]
    public async Task Publish_WithoutQuestionsOrDraft_IsRefused()
    {
        var (db, authoring, _) = Services();
        await using var __ = db;
        var id = (await authoring.CreateAsync(Fields(), Officer)).ConsultationId!.Value;

        var noQuestions = await authoring.PublishAsync(id, null, null, Officer);
        await authoring.SaveQuestionAsync(id, null, AgreeQuestion(), Officer);
        await authoring.PublishAsync(id, null, null, Officer);
        var again = await authoring.PublishAsync(id, null, null, Officer);

        Assert.Equal("Questions", Assert.Single(noQuestions.Problems).Field);
        Assert.Equal(AuthoringOutcome.NothingToPublish, again.Outcome);
    }

    [Fact]
    public async Task SlugChange_AfterPublication_IsRefused()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, _) = Services();
        await using var __ = db;
        Assert.Equal(AuthoringOutcome.Done, (await authoring.SaveDraftAsync(id, Fields("community-services-2021"), Officer)).Outcome);
        await authoring.PublishAsync(id, null, null, Officer);

        var result = await authoring.SaveDraftAsync(id, Fields("something-else"), Officer);

        Assert.StartsWith("The web address cannot change once", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledPublishAndUnpublish_AreHonouredByEveryRead()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, queries) = Services();
        await using var __ = db;
        var from = new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        var until = new DateTime(2021, 2, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(AuthoringOutcome.Done, (await authoring.PublishAsync(id, from, until, Officer)).Outcome);

        Assert.Null(await queries.FindPublishedAsync("community-services"));
        _time.SetUtcNow(from);
        Assert.NotNull(await queries.FindPublishedAsync("community-services"));
        Assert.Contains((await queries.ListAsync()).Open, v => v.ConsultationId == id);
        _time.SetUtcNow(until.AddSeconds(-1));
        Assert.NotNull(await queries.FindPublishedAsync("community-services"));
        _time.SetUtcNow(until);
        Assert.Null(await queries.FindPublishedAsync("community-services"));
        Assert.DoesNotContain((await queries.ListAsync()).RecentlyClosed, v => v.ConsultationId == id);
    }

    [Fact]
    public async Task Unpublish_TakesItOffAtOnce()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, queries) = Services();
        await using var __ = db;
        await authoring.PublishAsync(id, null, null, Officer);

        Assert.Equal(AuthoringOutcome.Done, (await authoring.UnpublishAsync(id, Officer)).Outcome);

        Assert.Null(await queries.FindPublishedAsync("community-services"));
    }

    [Fact]
    public async Task MeaningChange_BeforeAnyResponse_IsAllowed()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, _) = Services();
        await using var __ = db;
        await authoring.PublishAsync(id, null, null, Officer);
        var key = (await authoring.LoadAsync(id))!.Versions.Single().Questions.Single().Key;

        await authoring.SaveQuestionAsync(id, key, AgreeQuestion() with { Type = QuestionType.YesNo, Options = Question.YesNoOptions }, Officer);

        Assert.Equal(AuthoringOutcome.Done, (await authoring.PublishAsync(id, null, null, Officer)).Outcome);
    }

    [Fact]
    public async Task MeaningChange_WithResponses_IsRefusedWithTheReason_WordingFixIsAllowed()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, _) = Services();
        await using var __ = db;
        await authoring.PublishAsync(id, null, null, Officer);
        var published = (await authoring.LoadAsync(id))!.Versions.Single();
        var key = published.Questions.Single().Key;
        db.Responses.Add(new EngagementPortal.Core.Responses.Response { Id = Guid.NewGuid(), ConsultationId = id, ConsultationVersionId = published.Id, Reference = "TEST-0001", IdempotencyKey = Guid.NewGuid().ToString("N"), SubmittedUtc = _time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();

        await authoring.SaveQuestionAsync(id, key, AgreeQuestion() with { Type = QuestionType.YesNo, Options = Question.YesNoOptions }, Officer);
        var refused = await authoring.PublishAsync(id, null, null, Officer);
        Assert.Equal(AuthoringOutcome.MeaningChanged, refused.Outcome);
        Assert.Contains("changed from an agree/disagree scale to yes or no", refused.Changes!.Single(c => c.ChangesMeaning).Description, StringComparison.Ordinal);

        await authoring.SaveQuestionAsync(id, key, AgreeQuestion("Do you agree with this proposal?"), Officer);
        var fixedWording = await authoring.PublishAsync(id, null, null, Officer);
        Assert.Equal(AuthoringOutcome.Done, fixedWording.Outcome);
        Assert.Contains("wording changed", (await db.AuditEntries.OrderBy(e => e.Id).LastAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Questions_Reorder_KeepKeysAndRenumber()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, _) = Services();
        await using var __ = db;
        await authoring.SaveQuestionAsync(id, null, new Question { Key = "", Number = 0, Text = "Which services do you use?", Type = QuestionType.MultipleChoice, Options = ["GP", "Pharmacy", "Other"] }, Officer);
        var before = (await authoring.LoadAsync(id))!.Versions.Single().Questions.Select(q => q.Key).ToList();

        await authoring.MoveQuestionAsync(id, before[1], -1, Officer);
        db.ChangeTracker.Clear();
        var after = (await authoring.LoadAsync(id))!.Versions.Single().Questions;

        Assert.Equal([before[1], before[0]], after.Select(q => q.Key));
        Assert.Equal([1, 2], after.Select(q => q.Number));

        await authoring.RemoveQuestionAsync(id, before[0], Officer);
        db.ChangeTracker.Clear();
        Assert.Equal("Which services do you use?", Assert.Single((await authoring.LoadAsync(id))!.Versions.Single().Questions).Text);
    }

    [Fact]
    public async Task Question_ChoiceWithOneOption_IsInvalid()
    {
        var id = await CreateWithQuestionAsync();
        var (db, authoring, _) = Services();
        await using var __ = db;

        var result = await authoring.SaveQuestionAsync(id, null, new Question { Key = "", Number = 0, Text = "Pick one", Type = QuestionType.SingleChoice, Options = ["Only"] }, Officer);

        Assert.Equal("Options", Assert.Single(result.Problems).Field);
    }
}

public sealed class PackageAndBackOfficeTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private async Task ImportAsync(EngagementPortal.Core.Content.ConsultationContent content)
    {
        await using var db = _database.CreateContext();
        var demo = new EngagementPortal.Core.Content.DemoWindow(db, _time, Microsoft.Extensions.Options.Options.Create(new EngagementPortal.Core.Content.DemoOptions()));
        await new EngagementPortal.Core.Content.ConsultationImport(db, _time, demo).ImportAsync(ContentOrigin.Package, [content]);
    }

    [Fact]
    public async Task BackOfficeEditOfAPackage_SurvivesARestart_UntilThePackageItselfChanges()
    {
        var package = EngagementPortal.Core.Content.ContentPackage.ReadConsultations(Repository.ContentPackages).Single(c => c.Slug == "integrating-care");
        await ImportAsync(package);
        await using (var db = _database.CreateContext())
        {
            var authoring = new ConsultationAuthoring(db, new AuditLog(db, _time), _time);
            var id = await db.Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
            var version = (await authoring.LoadAsync(id))!.Versions.Single();
            Assert.Equal(AuthoringOutcome.Done, (await authoring.SaveDraftAsync(id, ConsultationAuthoring.FieldsOf(version, "integrating-care") with { Summary = "Edited in the back office." }, new Actor(Guid.NewGuid(), "officer@example.nhs.uk"))).Outcome);
            Assert.Equal(AuthoringOutcome.Done, (await authoring.PublishAsync(id, null, null, new Actor(Guid.NewGuid(), "officer@example.nhs.uk"))).Outcome);
        }

        await ImportAsync(package);
        await using (var db = _database.CreateContext())
        {
            Assert.Equal("Edited in the back office.", (await new ConsultationQueries(db, _time).FindPublishedAsync("integrating-care"))!.Summary);
        }

        await ImportAsync(package with { Summary = "The package changed." });
        await using (var db = _database.CreateContext())
        {
            Assert.Equal("The package changed.", (await new ConsultationQueries(db, _time).FindPublishedAsync("integrating-care"))!.Summary);
        }
    }
}
