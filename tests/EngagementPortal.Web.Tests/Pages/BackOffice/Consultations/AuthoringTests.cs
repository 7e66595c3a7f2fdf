using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Consultations;

/// <summary>An officer creates, edits, builds questions, previews, publishes (now or scheduled) and unpublishes.</summary>
public sealed class AuthoringTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Form(string slug, string title = "Community services review") => new()
    {
        ["Form.Title"] = title,
        ["Form.Slug"] = slug,
        ["Form.Summary"] = "How community services should work from 2022.",
        ["Form.Body"] = "## What we propose\n\nMore care closer to home.",
        ["Form.Audience"] = "Members of the public\nPartner organisations",
        ["Form.OpensDay"] = "26",
        ["Form.OpensMonth"] = "11",
        ["Form.OpensYear"] = "2020",
        ["Form.OpensTime"] = "",
        ["Form.ClosesDay"] = "30",
        ["Form.ClosesMonth"] = "6",
        ["Form.ClosesYear"] = "2021",
        ["Form.ClosesTime"] = "23:59",
        ["Form.PartnershipDeadlineDay"] = "21",
        ["Form.PartnershipDeadlineMonth"] = "6",
        ["Form.PartnershipDeadlineYear"] = "2021",
        ["Form.PartnershipDeadlineTime"] = "",
        ["Form.Documents"] = "Full proposal | https://example.nhs.uk/proposal.pdf",
    };

    private async Task<(HttpClient Client, Guid Id, string Slug)> CreateAsync()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var slug = "review-" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.PostFormAsync("/backoffice/consultations/new", Form(slug));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3]);
        return (client, id, slug);
    }

    private static Task<HttpResponseMessage> AddQuestionAsync(HttpClient client, Guid id, string text, string type = "AgreeDisagree", string options = "", string? edit = null, bool offerOther = false)
    {
        var fields = new Dictionary<string, string> { ["Text"] = text, ["Type"] = type, ["Options"] = options, ["Required"] = "true", ["FollowUpLabel"] = "Please explain your answer" };
        if (offerOther)
        {
            fields["OfferOther"] = "true";
        }

        if (edit is not null)
        {
            fields["edit"] = edit;
        }

        return client.PostFormAsync($"/backoffice/consultations/{id}/questions", fields, action: $"/backoffice/consultations/{id}/questions?handler=Save");
    }

    private async Task<ConsultationVersion> CurrentAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.ConsultationVersions.AsNoTracking().Where(v => v.ConsultationId == id).OrderByDescending(v => v.Number).FirstAsync();
    }

    [Fact]
    public async Task New_Empty_ShowsEveryProblemInFormOrder()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var response = await client.PostFormAsync("/backoffice/consultations/new", new() { ["Form.Slug"] = "Not a slug", ["Form.OpensDay"] = "31", ["Form.OpensMonth"] = "2", ["Form.OpensYear"] = "2021" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = (await response.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#form-title", "#form-slug", "#form-summary", "#form-body", "#form-opens", "#form-closes"], links);
    }

    [Fact]
    public async Task New_Valid_StoresUkTimesAsUtc_AndGoesToTheQuestions()
    {
        var (_, id, _) = await CreateAsync();

        var draft = await CurrentAsync(id);
        Assert.Equal(VersionState.Draft, draft.State);
        Assert.Equal(new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc), draft.OpensUtc);
        Assert.Equal(new DateTime(2021, 6, 30, 22, 59, 0, DateTimeKind.Utc), draft.ClosesUtc); // 23:59 BST
        Assert.Equal(new DateTime(2021, 6, 21, 16, 0, 0, DateTimeKind.Utc), draft.PartnershipDeadlineUtc); // 17:00 BST by default
        Assert.Equal(["Members of the public", "Partner organisations"], draft.Audience);
        Assert.Equal("PDF", Assert.Single(draft.Documents).Format);
    }

    [Fact]
    public async Task PreviewBody_RendersMarkdownWithoutSaving_AndKeepsScriptsInert()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var form = Form("preview-only");
        form["Form.Body"] = "## Heading\n\n" + string.Join("\n\n", EngagementPortal.TestCommon.Repository.XssVectors.Where(v => !v.Contains('\0', StringComparison.Ordinal)));

        var response = await client.PostFormAsync("/backoffice/consultations/new", form, action: "/backoffice/consultations/new?handler=PreviewBody");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.ReadHtmlAsync()).QuerySelector(".portal-preview")!;
        Assert.Equal("Heading", preview.QuerySelector("h2")!.TextContent);
        Assert.Empty(EngagementPortal.TestCommon.InertHtml.Problems(preview.OuterHtml));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.AnyAsync(c => c.Slug == "preview-only"));
    }

    /// <summary>The corpus's vectors with a NUL character never reach a page: the request is refused whole.</summary>
    [Fact]
    public async Task NulCharacterInAForm_IsRefusedAndNothingIsSaved()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var form = Form("nul-character");
        form["Form.Body"] = EngagementPortal.TestCommon.Repository.XssVectors.First(v => v.Contains('\0', StringComparison.Ordinal));

        var response = await client.PostFormAsync("/backoffice/consultations/new", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.AnyAsync(c => c.Slug == "nul-character"));
    }

    [Fact]
    public async Task QuestionBuilder_AddEditMoveRemove()
    {
        var (client, id, _) = await CreateAsync();

        var invalid = await client.PostFormAsync($"/backoffice/consultations/{id}/questions", new() { ["Text"] = "", ["Type"] = "SingleChoice", ["Options"] = "Only one" }, action: $"/backoffice/consultations/{id}/questions?handler=Save");
        Assert.Equal(["Enter the question", "Enter at least two answer options, one on each line"], (await invalid.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent));

        Assert.Equal(HttpStatusCode.Redirect, (await AddQuestionAsync(client, id, "Do you agree with the proposal?")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddQuestionAsync(client, id, "Which services do you use?", "MultipleChoice", "GP\nPharmacy", offerOther: true)).StatusCode);
        var keys = (await CurrentAsync(id)).Questions.Select(q => q.Key).ToList();

        await AddQuestionAsync(client, id, "Do you agree with this proposal?", edit: keys[0]);
        await client.PostFormAsync($"/backoffice/consultations/{id}/questions", [], action: $"/backoffice/consultations/{id}/questions?handler=Up&key={keys[1]}");
        var questions = (await CurrentAsync(id)).Questions;
        Assert.Equal([keys[1], keys[0]], questions.Select(q => q.Key));
        Assert.Equal("Do you agree with this proposal?", questions[1].Text);
        Assert.Equal(["GP", "Pharmacy", "Other, please specify"], questions[0].Options);

        await client.PostFormAsync($"/backoffice/consultations/{id}/questions", [], action: $"/backoffice/consultations/{id}/questions?handler=Remove&key={keys[1]}");
        Assert.Equal(keys[0], Assert.Single((await CurrentAsync(id)).Questions).Key);
        var page = await (await client.GetAsync($"/backoffice/consultations/{id}/questions")).ReadHtmlAsync();
        Assert.Equal("1. Do you agree with this proposal?", page.QuerySelector(".portal-question-list h2")!.TextContent);
    }

    [Fact]
    public async Task Preview_ShowsTheDraftOnThePublicPage_ToStaffOnly()
    {
        var (client, id, slug) = await CreateAsync();
        var draft = await CurrentAsync(id);
        var url = $"/consultations/{slug}?preview={draft.Id}";

        var staff = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        var html = await staff.ReadHtmlAsync();
        Assert.Equal("Community services review", html.QuerySelector("h1")!.TextContent);
        Assert.NotNull(html.QuerySelector(".portal-preview-banner"));
        Assert.Equal("no-store", staff.Headers.CacheControl!.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync($"/consultations/{slug}")).StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", (await factory.CreatePortalClient().GetAsync(url)).Headers.Location!.ToString(), StringComparison.Ordinal);
        var (partner, _) = await factory.SignInAsAsync(PortalRoles.Partner);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Publish_WithoutQuestions_IsRefused_WithThem_IsPublicAndAudited()
    {
        var (client, id, slug) = await CreateAsync();

        var refused = await client.PostFormAsync($"/backoffice/consultations/{id}", [], action: $"/backoffice/consultations/{id}?handler=Publish");
        Assert.Equal("Add at least one question before publishing", (await refused.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);

        await AddQuestionAsync(client, id, "Do you agree with the proposal?");
        var published = await client.PostFormAsync($"/backoffice/consultations/{id}", [], action: $"/backoffice/consultations/{id}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var page = await factory.CreatePortalClient().GetAsync($"/consultations/{slug}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("11:59pm on Wednesday 30 June 2021", (await page.ReadHtmlAsync()).Body!.TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries.AnyAsync(e => e.Action == AuditActions.ConsultationPublished && e.Subject == "consultation " + slug));
    }

    [Fact]
    public async Task EditAfterPublishing_MakesADraft_ThePublicKeepsThePublishedText_SlugIsLocked()
    {
        var (client, id, slug) = await CreateAsync();
        await AddQuestionAsync(client, id, "Do you agree with the proposal?");
        await client.PostFormAsync($"/backoffice/consultations/{id}", [], action: $"/backoffice/consultations/{id}?handler=Publish");

        var saved = await client.PostFormAsync($"/backoffice/consultations/{id}/edit", Form(slug, "Community services review: updated"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var relinked = await client.PostFormAsync($"/backoffice/consultations/{id}/edit", Form("a-new-address"));

        Assert.StartsWith("The web address cannot change", (await relinked.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Community services review", (await (await factory.CreatePortalClient().GetAsync($"/consultations/{slug}")).ReadHtmlAsync()).QuerySelector("h1")!.TextContent);
        var overview = await (await client.GetAsync($"/backoffice/consultations/{id}")).ReadHtmlAsync();
        Assert.Contains("Version 2", overview.QuerySelector(".nhsuk-summary-list")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledPublishAndUnpublish_FollowTheClock()
    {
        var (client, id, slug) = await CreateAsync();
        await AddQuestionAsync(client, id, "Do you agree with the proposal?");

        var scheduled = await client.PostFormAsync($"/backoffice/consultations/{id}", new() { ["PublishAtDate"] = "2020-12-02", ["PublishAtTime"] = "09:00", ["UnpublishAtDate"] = "2021-07-31", ["UnpublishAtTime"] = "" }, action: $"/backoffice/consultations/{id}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);

        var anonymous = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/consultations/{slug}")).StatusCode);
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 2, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/consultations/{slug}")).StatusCode);
        factory.Time.SetUtcNow(new DateTimeOffset(2021, 7, 31, 22, 59, 0, TimeSpan.Zero)); // 23:59 BST
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/consultations/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Publish_UnpublishNotAfterPublish_IsRefusedAndNothingIsPublished()
    {
        var (client, id, slug) = await CreateAsync();
        await AddQuestionAsync(client, id, "Do you agree with the proposal?");

        var response = await client.PostFormAsync($"/backoffice/consultations/{id}", new() { ["PublishAtDate"] = "2020-12-10", ["PublishAtTime"] = "09:00", ["UnpublishAtDate"] = "2020-12-10", ["UnpublishAtTime"] = "08:59" }, action: $"/backoffice/consultations/{id}?handler=Publish");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Contains("The time to unpublish must be after the time it is published", html.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("08:59", html.QuerySelector("input[name=UnpublishAtTime]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync($"/consultations/{slug}")).StatusCode);
    }

    [Fact]
    public async Task UnpublishNow_TakesItOffTheSite()
    {
        var (client, id, slug) = await CreateAsync();
        await AddQuestionAsync(client, id, "Do you agree with the proposal?");
        await client.PostFormAsync($"/backoffice/consultations/{id}", [], action: $"/backoffice/consultations/{id}?handler=Publish");

        var response = await client.PostFormAsync($"/backoffice/consultations/{id}", [], action: $"/backoffice/consultations/{id}?handler=Unpublish");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync($"/consultations/{slug}")).StatusCode);
        Assert.Contains("Unpublished", (await (await client.GetAsync($"/backoffice/consultations/{id}")).ReadHtmlAsync()).QuerySelector(".nhsuk-summary-list")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownConsultation_IsNotFound()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/backoffice/consultations/{Guid.NewGuid()}/edit")).StatusCode);
    }
}

public sealed class AuthoringValidationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Edit_ImpossibleDateAndTime_AreExplained_AndNothingChanges()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
        }

        var page = await (await client.GetAsync($"/backoffice/consultations/{id}/edit")).ReadHtmlAsync();
        var fields = page.QuerySelectorAll("form[method=post] input[name^='Form.'], form[method=post] textarea[name^='Form.']")
            .ToDictionary(e => e.GetAttribute("name")!, e => e is AngleSharp.Html.Dom.IHtmlTextAreaElement t ? t.Value : e.GetAttribute("value") ?? "");
        Assert.Equal("integrating-care", fields["Form.Slug"]);
        Assert.Equal(("8", "1", "2021"), (fields["Form.ClosesDay"], fields["Form.ClosesMonth"], fields["Form.ClosesYear"]));
        Assert.Equal("23:59", fields["Form.ClosesTime"]);
        fields["Form.ClosesDay"] = "30";
        fields["Form.ClosesMonth"] = "2";
        fields["Form.OpensTime"] = "25:00";

        var response = await client.PostFormAsync($"/backoffice/consultations/{id}/edit", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal(["Enter the time for the opening date on the 24-hour clock, like 23:59", "Closing date must be a real date"], html.QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent));
        Assert.Equal(["form-opens-time"], html.QuerySelectorAll("#form-opens, #form-opens-month, #form-opens-year, #form-opens-time").Where(e => e.ClassList.Contains("nhsuk-input--error")).Select(e => e.Id));
        Assert.Equal(3, html.QuerySelectorAll("#form-closes.nhsuk-input--error, #form-closes-month.nhsuk-input--error, #form-closes-year.nhsuk-input--error").Length);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<PortalDbContext>().ConsultationVersions.CountAsync(v => v.ConsultationId == id));
    }

    [Fact]
    public async Task Question_LimitNotANumber_AndNoType_AreExplained()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
        }

        var response = await client.PostFormAsync($"/backoffice/consultations/{id}/questions", new() { ["Text"] = "Anything else?", ["MaxLength"] = "lots" }, action: $"/backoffice/consultations/{id}/questions?handler=Save");

        Assert.Equal(["Select the type of question", "Enter the character limit as a whole number, like 2000"], (await response.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent));
    }
}
