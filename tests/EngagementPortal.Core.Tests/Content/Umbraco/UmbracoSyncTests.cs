using System.Text.Json.Nodes;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using EngagementPortal.Core.Content.Umbraco;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using EngagementPortal.TestCommon.Umbraco;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Content.Umbraco;

/// <summary>The sync against a real SQLite file and the local Delivery API stand-in.</summary>
public sealed class UmbracoSyncTests : IAsyncLifetime
{
    private static readonly Guid ConsultationId = Guid.Parse(DeliveryApiFixtureServer.ConsultationId);
    private const string Slug = DeliveryApiFixtureServer.ConsultationSlug;
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private DeliveryApiFixtureServer _server = null!;

    public async Task InitializeAsync() => _server = await DeliveryApiFixtureServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
    }

    private bool _demo;

    private async Task<T> WithSyncAsync<T>(Func<UmbracoSync, Task<T>> action, Uri? baseUrl = null, Action<UmbracoDeliveryOptions>? change = null)
    {
        await using var db = _database.CreateContext();
        var options = new UmbracoDeliveryOptions
        {
            BaseUrl = (baseUrl ?? _server.BaseUrl).ToString(),
            ApiKey = DeliveryApiFixtureServer.ApiKey,
            StartItem = DeliveryApiFixtureServer.StartItemPath,
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        change?.Invoke(options);
        var client = new UmbracoDeliveryClient(new HttpClient(UmbracoDeliveryClient.CreateHandler()), Options.Create(options));
        var demo = new DemoWindow(db, _time, Options.Create(new DemoOptions { Enabled = _demo }));
        var sync = new UmbracoSync(client, new ConsultationImport(db, _time, demo), demo, db, _time, Options.Create(options), NullLogger<UmbracoSync>.Instance);
        return await action(sync);
    }

    private Task<SyncReport> SyncAllAsync(Uri? baseUrl = null, Action<UmbracoDeliveryOptions>? change = null) =>
        WithSyncAsync(s => s.SyncAllAsync(), baseUrl, change);

    private async Task<Consultation> LoadAsync(string slug = Slug)
    {
        await using var db = _database.CreateContext();
        return await db.Consultations.Include(c => c.Versions).SingleAsync(c => c.Slug == slug);
    }

    private static string WithQuestion(int index, Action<JsonObject> change) =>
        DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, Slug, item =>
        {
            const string title = "Integrating care: next steps to building strong and effective integrated care systems across England";
            item["name"] = title;
            item["properties"]!["title"] = title;
            change(item["properties"]!["questions"]!["items"]![index]!["content"]!["properties"]!.AsObject());
        });

    [Fact]
    public async Task SyncAll_FixtureConsultation_IsMappedExactly()
    {
        var report = await SyncAllAsync();

        Assert.Equal(SyncOutcome.Succeeded, report.Outcome);
        Assert.Equal(ItemSyncOutcome.Created, Assert.Single(report.Items).Outcome);
        var consultation = await LoadAsync();
        Assert.Equal(ContentOrigin.Umbraco, consultation.Origin);
        Assert.Equal(DeliveryApiFixtureServer.ConsultationId, consultation.OriginKey);
        Assert.Null(consultation.UnpublishedUtc);
        var v = Assert.Single(consultation.Versions);
        Assert.Equal(VersionState.Published, v.State);
        Assert.Equal("Integrating care: next steps to building strong and effective integrated care systems across England", v.Title);
        Assert.Equal("This document also describes options for giving ICSs a firmer footing in legislation likely to take effect from April 2022 (subject to Parliamentary decision). NHS England and NHS Improvement are inviting views on these proposed options from all interested individuals and organisations by Friday 8 January.", v.Summary);
        Assert.Equal(BodyFormat.Html, v.BodyFormat);
        Assert.StartsWith("<h2>Introduction</h2><p>This document builds on previous publications", v.Body, StringComparison.Ordinal);
        Assert.EndsWith("<div class=\"nhsuk-inset-text\"><h3>Have your say</h3><p>We are therefore keen to seek views on these proposed options from all interested individuals and organisations. These views will help inform our future system design work and that of government should they take forward our recommendations in a future Bill.</p></div>", v.Body, StringComparison.Ordinal);
        Assert.StartsWith("Please submit your response to this address: [www.engage.england.nhs.uk/survey/building-a-strong-integrated-care-system]", v.HowToRespond, StringComparison.Ordinal);
        Assert.Equal(["Members of the public", "Partner organisations"], v.Audience);
        Assert.Equal("NHS England and NHS Improvement", v.Publisher);
        Assert.Null(v.SourceUrl);
        Assert.Equal(new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc), v.OpensUtc);
        Assert.Equal(new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc), v.ClosesUtc);
        Assert.Equal(new DateTime(2021, 1, 4, 17, 0, 0, DateTimeKind.Utc), v.PartnershipDeadlineUtc);
        Assert.False(v.PartnershipDeadlineIsIllustrative);
        Assert.Equal(0, v.DemoShiftDays);

        Assert.Equal(2, v.Documents.Count);
        Assert.Equal(new SupportingDocument
        {
            Title = "Integrating care: next steps to building strong and effective integrated care systems across England",
            Url = new Uri(_server.BaseUrl, "/media/kq3fzl1d/integrating-care-next-steps-to-building-strong-and-effective-integrated-care-systems.pdf").ToString(),
            Format = "PDF",
            SizeBytes = 1290745,
        }, v.Documents[0]);
        Assert.Equal(new SupportingDocument
        {
            Title = "NHS England and NHS Improvement Board paper: Next Steps of Integrated Care Systems",
            Url = new Uri(_server.BaseUrl, "/media/0mtl2v4x/next-steps-of-integrated-care-systems-board-paper.pdf").ToString(),
            Format = "PDF",
            SizeBytes = 352118,
        }, v.Documents[1]);

        string[] keys = ["8d23a533-4dcc-40ff-93b0-33841b4e4dce", "f06b6dc6-4efb-47a9-9ce3-09b13236b293", "6f6e5a73-3f16-4c2d-8393-92036f770618", "897cda74-c802-454f-8c75-409ea6f38662"];
        string[] followUps = ["7bc215fe-a10c-434a-8de0-8d163ba69776", "f46b171d-dc7f-411f-969d-f0f331257349", "07cd393d-1397-4837-bcab-44d802064612", "aef0c82d-6e53-44a6-a174-82ab4f083ee9"];
        Assert.Equal(keys, v.Questions.Select(q => q.Key));
        Assert.Equal([1, 2, 3, 4], v.Questions.Select(q => q.Number));
        Assert.Equal(followUps, v.Questions.Select(q => q.ExplanationKey));
        Assert.Equal("Do you agree that option 2 offers a model that provides greater incentive for collaboration alongside clarity of accountability across systems, to Parliament and most importantly, to patients?", v.Questions[1].Text);
        Assert.All(v.Questions, q =>
        {
            Assert.Equal(QuestionType.AgreeDisagree, q.Type);
            Assert.Equal(["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"], q.Options); // Umbraco's options, not the default six
            Assert.False(q.Required);
            Assert.Equal("Please explain your answer (optional)", q.FollowUpLabel);
            Assert.Null(q.Revision);
            Assert.Equal(q.Key, q.AnswerKey);
        });
    }

    [Fact]
    public async Task SyncAll_DemoEnabled_ShiftsUmbracosDatesLikeAnyOtherSource()
    {
        _demo = true;
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

        await SyncAllAsync();

        var v = Assert.Single((await LoadAsync()).Versions);
        Assert.NotEqual(0, v.DemoShiftDays);
        Assert.Equal(new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc), v.AuthoredClosesUtc);
        Assert.Equal(ConsultationPhase.Open, v.PhaseAt(_time.GetUtcNow().UtcDateTime));
        Assert.Equal(DayOfWeek.Friday, Core.Time.UkTime.ToUk(v.ClosesUtc).DayOfWeek); // whole weeks: "Friday 8 January" stays a Friday
    }

    [Fact]
    public async Task SyncAll_Twice_ChangesNothingTheSecondTime()
    {
        await SyncAllAsync();
        var second = await SyncAllAsync();

        Assert.Equal(ItemSyncOutcome.Unchanged, Assert.Single(second.Items).Outcome);
        Assert.Single((await LoadAsync()).Versions);
    }

    [Fact]
    public async Task SyncAll_MorePagesThanOne_ImportsEveryConsultation()
    {
        for (var i = 1; i <= 4; i++)
        {
            _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(Guid.NewGuid(), $"consultation-{i}"));
        }

        var report = await SyncAllAsync(change: o => o.PageSize = 2);

        Assert.Equal(SyncOutcome.Succeeded, report.Outcome);
        Assert.Equal(5, report.Items.Count(i => i.Outcome == ItemSyncOutcome.Created));
        Assert.Equal(["skip=0&take=2", "skip=2&take=2", "skip=4&take=2"], _server.Requests.Select(r => r.PathAndQuery.Split("consultation&")[1]));
        await using var db = _database.CreateContext();
        Assert.Equal(5, await db.Consultations.CountAsync());
        var status = await db.ContentSyncStatuses.SingleAsync();
        Assert.Equal(5, status.ConsultationCount);
    }

    [Fact]
    public async Task SyncAll_Unreachable_KeepsServingTheLastSyncedContentAndRecordsTheFailure()
    {
        await SyncAllAsync();
        var firstSync = _time.GetUtcNow().UtcDateTime;
        _time.Advance(TimeSpan.FromMinutes(15));

        var report = await SyncAllAsync(DeliveryApiFixtureServer.ClosedPort());

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        await using var db = _database.CreateContext();
        Assert.NotNull(await new ConsultationQueries(db, _time).FindPublishedAsync(Slug));
        var status = await db.ContentSyncStatuses.SingleAsync(s => s.Source == ContentSyncStatus.UmbracoSource);
        Assert.Equal(SyncOutcome.Failed, status.LastOutcome);
        Assert.Equal(firstSync, status.LastSuccessUtc);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, status.LastFailureUtc);
        Assert.Contains("could not be reached", status.LastProblem, StringComparison.Ordinal);
        Assert.Equal(1, status.ConsultationCount);
    }

    [Fact]
    public async Task SyncAll_WrongApiKey_ChangesNothingAndSaysWhichSettingToCheck()
    {
        var report = await SyncAllAsync(change: o => o.ApiKey = "wrong");

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Consultations.CountAsync());
        Assert.Contains("Content:Umbraco:ApiKey", (await db.ContentSyncStatuses.SingleAsync()).LastProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAll_UnknownStartItem_RecordsTheStartItemProblem()
    {
        var report = await SyncAllAsync(change: o => o.StartItem = "no-such-root");

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.Contains("Content:Umbraco:StartItem", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAll_OneUnreadableItem_ImportsTheOthersWhole()
    {
        _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(Guid.NewGuid(), "no-summary", item => item["properties"]!.AsObject().Remove("summary")));

        var report = await SyncAllAsync();

        Assert.Equal(SyncOutcome.PartlySucceeded, report.Outcome);
        Assert.Contains(report.Items, i => i.Outcome == ItemSyncOutcome.Unreadable && i.Problem!.Contains("summary", StringComparison.Ordinal));
        await using var db = _database.CreateContext();
        Assert.Equal([Slug], await db.Consultations.Select(c => c.Slug).ToListAsync());
        var status = await db.ContentSyncStatuses.SingleAsync();
        Assert.Equal(SyncOutcome.PartlySucceeded, status.LastOutcome);
        Assert.Contains("summary is missing", status.LastProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAll_ConsultationGoneFromUmbraco_StopsTakingResponsesButIsKept()
    {
        await SyncAllAsync();
        _server.Unpublish(ConsultationId);

        var report = await SyncAllAsync();

        Assert.Equal(1, report.Unpublished);
        await using var db = _database.CreateContext();
        var queries = new ConsultationQueries(db, _time);
        Assert.Null(await queries.FindPublishedAsync(Slug));
        Assert.NotNull((await queries.FindForDisplayAsync(Slug))!.Consultation.UnpublishedUtc);
        Assert.Empty((await queries.ListAsync()).Open);
        Assert.Equal(ContentChangeKind.Unpublished, (await db.ContentChangeNotices.SingleAsync()).Kind);
    }

    [Fact]
    public async Task Unpublish_ThenPublishAgain_TakesResponsesAgain()
    {
        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));
        Assert.Equal(UnpublishOutcome.Unpublished, await WithSyncAsync(s => s.UnpublishAsync(ConsultationId)));
        Assert.Equal(UnpublishOutcome.AlreadyUnpublished, await WithSyncAsync(s => s.UnpublishAsync(ConsultationId)));
        _time.Advance(TimeSpan.FromMinutes(5));

        var again = await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));

        Assert.Equal(ItemSyncOutcome.Republished, again.Outcome);
        await using var db = _database.CreateContext();
        Assert.NotNull(await new ConsultationQueries(db, _time).FindPublishedAsync(Slug));
        Assert.Equal([ContentChangeKind.Unpublished, ContentChangeKind.Republished], await db.ContentChangeNotices.OrderBy(n => n.CreatedUtc).Select(n => n.Kind).ToListAsync());
    }

    [Fact]
    public async Task Unpublish_UnknownItem_IsNotKnown() =>
        Assert.Equal(UnpublishOutcome.NotKnown, await WithSyncAsync(s => s.UnpublishAsync(Guid.NewGuid())));

    [Fact]
    public async Task SyncPublished_UnknownId_FailsWithNotFound()
    {
        var result = await WithSyncAsync(s => s.SyncPublishedAsync(Guid.Parse("00000000-0000-0000-0000-000000000001")));

        Assert.Equal(ItemSyncOutcome.SourceFailed, result.Outcome);
        Assert.Equal(DeliveryStatus.NotFound, result.SourceStatus);
    }

    [Fact]
    public async Task SyncPublished_OptionsChangedAfterOpening_MakesANewQuestionRevisionAndTellsOfficers()
    {
        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId)); // 1 December 2020: open since 26 November
        _server.Publish(WithQuestion(0, q => q["answerOptions"] = new JsonArray("Yes", "No")));

        var result = await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));

        Assert.Equal(ItemSyncOutcome.Updated, result.Outcome);
        var current = (await LoadAsync()).Versions.Single(v => v.State == VersionState.Published);
        Assert.Equal(2, current.Questions[0].Revision);
        Assert.Equal("8d23a533-4dcc-40ff-93b0-33841b4e4dce@2", current.Questions[0].AnswerKey);
        Assert.Null(current.Questions[1].Revision);
        await using var db = _database.CreateContext();
        var notice = await db.ContentChangeNotices.SingleAsync();
        Assert.Equal(ContentChangeKind.QuestionOptionsChanged, notice.Kind);
        Assert.Equal("8d23a533-4dcc-40ff-93b0-33841b4e4dce", notice.QuestionKey);
        Assert.Equal(2, notice.VersionNumber);
    }

    [Fact]
    public async Task SyncPublished_SameChangeTwice_DoesNotChurnVersions()
    {
        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));
        _server.Publish(WithQuestion(0, q => q["answerOptions"] = new JsonArray("Yes", "No")));
        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));

        var again = await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));

        Assert.Equal(ItemSyncOutcome.Unchanged, again.Outcome);
        Assert.Equal(2, (await LoadAsync()).Versions.Count);
    }

    [Fact]
    public async Task SyncPublished_TypeChangedBeforeOpening_KeepsTheRevisionButStillTellsOfficers()
    {
        _time.SetUtcNow(new DateTimeOffset(2020, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));
        _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, Slug, item =>
            item["properties"]!["questions"]!["items"]![2]!["content"]!["contentType"] = "freeTextQuestion"));

        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));

        var current = (await LoadAsync()).Versions.Single(v => v.State == VersionState.Published);
        Assert.Equal(QuestionType.FreeText, current.Questions[2].Type);
        Assert.Null(current.Questions[2].Revision);
        await using var db = _database.CreateContext();
        Assert.Equal(ContentChangeKind.QuestionTypeChanged, (await db.ContentChangeNotices.SingleAsync()).Kind);
    }

    [Fact]
    public async Task SyncPublished_WordingFix_KeepsTheQuestionWithoutANotice()
    {
        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));
        _server.Publish(WithQuestion(1, q => q["questionText"] = "Do you agree that option 2 offers the better model?"));

        var result = await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));

        Assert.Equal(ItemSyncOutcome.Updated, result.Outcome);
        var current = (await LoadAsync()).Versions.Single(v => v.State == VersionState.Published);
        Assert.Equal("f06b6dc6-4efb-47a9-9ce3-09b13236b293", current.Questions[1].AnswerKey);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.ContentChangeNotices.CountAsync());
    }

    [Fact]
    public async Task SyncPublished_SlugOfAnotherConsultation_IsRefusedAndNothingIsKept()
    {
        await WithSyncAsync(s => s.SyncPublishedAsync(ConsultationId));
        var other = Guid.NewGuid();
        _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(other, Slug));

        var result = await WithSyncAsync(s => s.SyncPublishedAsync(other));

        Assert.Equal(ItemSyncOutcome.SlugTaken, result.Outcome);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Consultations.CountAsync());
    }

    [Fact]
    public async Task SyncPublished_AnotherDocumentType_IsIgnored()
    {
        var organisation = Guid.NewGuid();
        _server.Publish($$$"""{"contentType":"organisation","name":"NHS England","id":"{{{organisation}}}","route":{"path":"/organisations/nhse/"},"properties":{"shortName":"NHSE/I"},"cultures":{}}""");

        var result = await WithSyncAsync(s => s.SyncPublishedAsync(organisation));

        Assert.Equal(ItemSyncOutcome.NotAConsultation, result.Outcome);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Consultations.CountAsync());
    }

    [Fact]
    public async Task Job_SourceIsBuiltIn_DoesNothing()
    {
        var outcome = await WithSyncAsync(s => new UmbracoSyncJob(s, Options.Create(new ContentOptions())).RunAsync(Core.Jobs.NoProgress.Instance, CancellationToken.None));

        Assert.Equal("Content:Source is not UmbracoDelivery: nothing to sync.", outcome.Summary);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Job_SourceIsUmbraco_SyncsEverythingAndSaysWhat()
    {
        var outcome = await WithSyncAsync(s => new UmbracoSyncJob(s, Options.Create(new ContentOptions { Source = ContentOptions.UmbracoDeliverySource })).RunAsync(Core.Jobs.NoProgress.Instance, CancellationToken.None));

        Assert.Equal("Read 1 item(s): 1 created or updated, 0 could not be read, 0 withdrawn.", outcome.Summary);
        Assert.Equal(Slug, (await LoadAsync()).Slug);
    }

    [Fact]
    public async Task Job_UmbracoUnreachable_RunSaysSoAndTheStatusRecordsIt()
    {
        var outcome = await WithSyncAsync(s => new UmbracoSyncJob(s, Options.Create(new ContentOptions { Source = ContentOptions.UmbracoDeliverySource })).RunAsync(Core.Jobs.NoProgress.Instance, CancellationToken.None), DeliveryApiFixtureServer.ClosedPort());

        Assert.StartsWith("Umbraco could not be read (", outcome.Summary, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(SyncOutcome.Failed, (await db.ContentSyncStatuses.SingleAsync()).LastOutcome);
    }

    [Fact]
    public async Task Preview_Draft_IsReadWithPreviewAndNotSaved()
    {
        _server.SetDraft(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, Slug, item => item["properties"]!["title"] = "A draft title"));
        await using var db = _database.CreateContext();
        var options = Options.Create(new UmbracoDeliveryOptions { BaseUrl = _server.BaseUrl.ToString(), ApiKey = DeliveryApiFixtureServer.ApiKey, StartItem = DeliveryApiFixtureServer.StartItemPath });
        var preview = new UmbracoPreview(new UmbracoDeliveryClient(new HttpClient(UmbracoDeliveryClient.CreateHandler()), options), options, _time);

        var result = await preview.ReadDraftAsync(ConsultationId);

        Assert.Equal("A draft title", result.Version!.Title);
        Assert.Equal(VersionState.Draft, result.Version.State);
        Assert.Equal(Slug, result.Version.Consultation.Slug);
        Assert.Equal(0, await db.Consultations.CountAsync());
    }
}
