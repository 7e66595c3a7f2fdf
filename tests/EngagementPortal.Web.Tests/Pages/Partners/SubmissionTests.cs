using System.Net;
using System.Net.Http.Headers;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Partners;

/// <summary>Drafting together, the letter, sign-off and submission, late and closed, reopening.</summary>
public sealed class SubmissionTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public SubmissionTests()
    {
        _factory.Settings["Email:OfficerNotifications:0"] = "engagement.team@example.nhs.uk";
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TwoContributorsSaveFromTheSameVersion_SecondSeesBothVersionsAndNothingIsOverwritten()
    {
        var first = await _factory.OrganisationWithContributorAsync("North Lincolnshire Health and Wellbeing Board", "Carol First");
        var second = await _factory.ColleagueOfAsync(first, "Dev Second");
        var id = (await _factory.SubmissionAsync(first.OrganisationId)).Id;
        var firstForm = await first.Client.DraftFormAsync(id);
        var secondForm = await second.Client.DraftFormAsync(id);

        var saved = await first.Client.PostDraftAsync(id, firstForm, new() { ["OverallPosition"] = "Carol's position: we support option 2." });
        var conflict = await second.Client.PostDraftAsync(id, secondForm, new() { ["OverallPosition"] = "Dev's position: we prefer option 1." });
        var html = await conflict.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("A colleague saved first", html.QuerySelector("h1")!.TextContent);
        var table = html.QuerySelector("table")!.TextContent;
        Assert.Contains("Carol's position: we support option 2.", table, StringComparison.Ordinal);
        Assert.Contains("Dev's position: we prefer option 1.", table, StringComparison.Ordinal);
        Assert.Contains("Carol First saved this draft", html.QuerySelector(".nhsuk-warning-callout")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Dev's position: we prefer option 1.", html.QuerySelector("textarea[name=OverallPosition]")!.TextContent);
        Assert.Equal("Carol's position: we support option 2.", (await _factory.SubmissionAsync(first.OrganisationId)).OverallPosition);

        // Saving from the conflict page (which carries the new version) replaces it knowingly.
        var resolved = await second.Client.PostAsync($"/partners/submissions/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ((AngleSharp.Html.Dom.IHtmlInputElement)html.QuerySelector("form input[name=__RequestVerificationToken]")!).Value,
            ["Version"] = ((AngleSharp.Html.Dom.IHtmlInputElement)html.QuerySelector("input[name=Version]")!).Value,
            ["OverallPosition"] = "Agreed position: option 2, with Dev's caveats.",
            ["next"] = "stay",
        }));
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var stored = await _factory.SubmissionAsync(first.OrganisationId);
        Assert.Equal("Agreed position: option 2, with Dev's caveats.", stored.OverallPosition);
        Assert.Equal("Dev Second", stored.LastEditedBy);
        var page = await (await first.Client.GetAsync($"/partners/submissions/{id}")).ReadHtmlAsync();
        Assert.Contains("Last edited by Dev Second at", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSignatory_IsAClearMessageAndNothingIsSubmitted()
    {
        var contributor = await _factory.OrganisationWithContributorAsync("Humber Partnership", "Eve Drafter");
        var id = (await _factory.SubmissionAsync(contributor.OrganisationId)).Id;
        await contributor.Client.PostDraftAsync(id, await contributor.Client.DraftFormAsync(id), await _factory.AnswersAsync("We support a statutory ICS."));

        var response = await contributor.Client.PostFormAsync($"/partners/submissions/{id}/sign-off", PartnerWorld.SignOff(signatory: null));
        var html = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the name of the person signing off the response", html.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Chair of the Health and Wellbeing Board", ((AngleSharp.Html.Dom.IHtmlInputElement)html.QuerySelector("input[name=SignatoryRole]")!).Value);
        var stored = await _factory.SubmissionAsync(contributor.OrganisationId);
        Assert.Null(stored.SubmittedUtc);
        Assert.Equal("We support a statutory ICS.", stored.OverallPosition);
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Responses.AnyAsync(r => r.PartnerSubmissionId == id));
    }

    [Fact]
    public async Task Submit_LocksGivesAReferenceWritesOneResponseRowAndEmailsEveryContributorTheWholeSubmission()
    {
        var first = await _factory.OrganisationWithContributorAsync("Humber, Coast and Vale Mental Health Provider Collaborative", "Fay Writer");
        var second = await _factory.ColleagueOfAsync(first, "Gus Signer");
        var id = (await _factory.SubmissionAsync(first.OrganisationId)).Id;
        var version = await _factory.VersionAsync();
        var question = version.Questions.OrderBy(q => q.Number).First();
        await first.Client.PostDraftAsync(id, await first.Client.DraftFormAsync(id), await _factory.AnswersAsync("Collaboratives should hold delegated budgets."));
        var stale = await first.Client.DraftFormAsync(id);

        var submitted = await second.Client.PostFormAsync($"/partners/submissions/{id}/sign-off", PartnerWorld.SignOff());

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var stored = await _factory.SubmissionAsync(first.OrganisationId);
        Assert.NotNull(stored.SubmittedUtc);
        Assert.Equal("Gus Signer", stored.SubmittedBy);
        Assert.False(stored.IsLate);
        Assert.Equal("Approved by the board on 17 December 2020", stored.Governance);
        Assert.True(ResponseReference.Parse(stored.Reference, "ICS").Succeeded);

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var response = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.PartnerSubmissionId == id);
        Assert.Equal(RespondentType.PartnerOrganisation, response.RespondentType);
        Assert.Equal(ResponseChannel.PartnerSubmission, response.Channel);
        Assert.Equal("Humber, Coast and Vale Mental Health Provider Collaborative", response.OrganisationName);
        Assert.Equal(stored.Reference, response.Reference);
        Assert.Contains(response.Answers, a => a.QuestionKey == question.AnswerKey && (a.Choice == "Agree" || a.Text is not null));

        var receipts = await db.OutboxMessages.Where(m => m.Kind == PartnerSubmissions.ReceiptKind && m.CorrelationId == stored.Reference).ToListAsync();
        Assert.Equal(new[] { first.Email, second.Email }.Order(), receipts.Select(m => m.To).Order());
        Assert.All(receipts, m =>
        {
            Assert.Contains(stored.Reference!, m.TextBody, StringComparison.Ordinal);
            Assert.Contains("Collaboratives should hold delegated budgets.", m.TextBody, StringComparison.Ordinal);
            Assert.Contains(question.Text, m.TextBody, StringComparison.Ordinal);
            Assert.Contains("Dr A Example, Chair of the Health and Wellbeing Board", m.TextBody, StringComparison.Ordinal);
        });

        // Locked: a stale draft form cannot change it.
        var late = await first.Client.PostDraftAsync(id, stale, new() { ["OverallPosition"] = "changed" });
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("Collaboratives should hold delegated budgets.", (await _factory.SubmissionAsync(first.OrganisationId)).OverallPosition);
        var page = await (await first.Client.GetAsync($"/partners/submissions/{id}")).ReadHtmlAsync();
        Assert.Contains(stored.Reference!, page.QuerySelector(".nhsuk-panel")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=Version]"));
    }

    [Fact]
    public async Task AfterThePartnershipDeadline_SubmissionIsMarkedLateAndOfficersAreTold()
    {
        await _factory.SignInAsAsync(PortalRoles.Officer);
        var contributor = await _factory.OrganisationWithContributorAsync("Torbay Local Care Partnership", "Hal Late");
        var id = (await _factory.SubmissionAsync(contributor.OrganisationId)).Id;
        await contributor.Client.PostDraftAsync(id, await contributor.Client.DraftFormAsync(id), await _factory.AnswersAsync("Late but considered."));
        var deadline = (await _factory.VersionAsync()).PartnershipDeadlineUtc!.Value;
        _factory.Time.SetUtcNow(new DateTimeOffset(deadline.AddHours(2), TimeSpan.Zero));
        contributor = await _factory.SignInAgainAsync(contributor);

        var page = await (await contributor.Client.GetAsync($"/partners/submissions/{id}/sign-off")).ReadHtmlAsync();
        var submitted = await contributor.Client.PostFormAsync($"/partners/submissions/{id}/sign-off", PartnerWorld.SignOff());

        Assert.Contains("The partnership deadline has passed", page.QuerySelector(".nhsuk-warning-callout")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var stored = await _factory.SubmissionAsync(contributor.OrganisationId);
        Assert.True(stored.IsLate);
        await using var scope = _factory.Services.CreateAsyncScope();
        var notices = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.Where(m => m.Kind == OfficerNotices.KindPrefix + "partner-late").ToListAsync();
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Contains("Torbay Local Care Partnership", n.TextBody, StringComparison.Ordinal));
        var (officer, _) = await _factory.SignInAsAsync(PortalRoles.Officer);
        var board = await (await officer.GetAsync($"/backoffice/partners/consultations/{stored.ConsultationId}")).ReadHtmlAsync();
        Assert.Contains("Submitted late", board.QuerySelector("#status-board")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheConsultationCloses_SubmitIsRefusedWithAClearMessageAndTheDraftIsKept()
    {
        var contributor = await _factory.OrganisationWithContributorAsync("Northern Devon Local Care Partnership", "Ivy Closed");
        var id = (await _factory.SubmissionAsync(contributor.OrganisationId)).Id;
        await contributor.Client.PostDraftAsync(id, await contributor.Client.DraftFormAsync(id), await _factory.AnswersAsync("Too late, sadly."));
        _factory.Time.SetUtcNow(new DateTimeOffset((await _factory.VersionAsync()).ClosesUtc.AddMinutes(1), TimeSpan.Zero));
        contributor = await _factory.SignInAgainAsync(contributor);

        var response = await contributor.Client.PostFormAsync($"/partners/submissions/{id}/sign-off", PartnerWorld.SignOff());
        var html = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("The consultation closed at", html.QuerySelector(".nhsuk-warning-callout")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Your draft is kept", html.QuerySelector(".nhsuk-warning-callout")!.TextContent, StringComparison.Ordinal);
        var stored = await _factory.SubmissionAsync(contributor.OrganisationId);
        Assert.Null(stored.SubmittedUtc);
        Assert.Equal("Too late, sadly.", stored.OverallPosition);
    }

    [Fact]
    public async Task FileThatClaimsToBeAPdf_IsRefusedByItsContent()
    {
        var contributor = await _factory.OrganisationWithContributorAsync("Eastern Devon Local Care Partnership", "Jo Letter");
        var id = (await _factory.SubmissionAsync(contributor.OrganisationId)).Id;

        var response = await UploadAsync(contributor.Client, id, "letter.pdf", "application/pdf", "<html>not a pdf at all</html>"u8.ToArray());
        var html = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("must be a PDF or a Word document", html.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await _factory.SubmissionAsync(contributor.OrganisationId)).LetterFile);
    }

    [Fact]
    public async Task FileOverTenMegabytes_IsRefusedAsTooLarge()
    {
        var contributor = await _factory.OrganisationWithContributorAsync("Southern Devon Local Care Partnership", "Kit Large");
        var id = (await _factory.SubmissionAsync(contributor.OrganisationId)).Id;
        var content = new byte[(10 * 1024 * 1024) + 1];
        "%PDF-1.7\n"u8.CopyTo(content);

        var response = await UploadAsync(contributor.Client, id, "big.pdf", "application/pdf", content);
        var html = await response.ReadHtmlAsync();

        Assert.Contains("The file must be smaller than 10 MB", html.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await _factory.SubmissionAsync(contributor.OrganisationId)).LetterFile);
    }

    [Fact]
    public async Task RealPdf_IsAttachedAndOnlyItsOrganisationAndOfficersCanDownloadIt()
    {
        var contributor = await _factory.OrganisationWithContributorAsync("Western Devon Local Care Partnership", "Lou Pdf");
        var id = (await _factory.SubmissionAsync(contributor.OrganisationId)).Id;
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

        var response = await UploadAsync(contributor.Client, id, "letter.pdf", "application/pdf", pdf);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _factory.SubmissionAsync(contributor.OrganisationId);
        Assert.Equal("PDF", stored.LetterFormat);
        Assert.Equal(pdf, await (await contributor.Client.GetAsync($"/partners/submissions/{id}/letter?handler=download")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreatePortalClient().GetAsync("/documents/" + stored.LetterFile)).StatusCode);
        var (officer, _) = await _factory.SignInAsAsync(PortalRoles.Officer);
        Assert.Equal(pdf, await (await officer.GetAsync($"/backoffice/partners/submissions/{id}?handler=letter")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OfficerReopens_ItIsAuditedAndResubmissionUpdatesTheSameResponseRow()
    {
        var contributor = await _factory.OrganisationWithContributorAsync("North Yorkshire and York Partnership", "Mo Reopen");
        var id = (await _factory.SubmissionAsync(contributor.OrganisationId)).Id;
        await contributor.Client.PostDraftAsync(id, await contributor.Client.DraftFormAsync(id), await _factory.AnswersAsync("First view."));
        await contributor.Client.PostFormAsync($"/partners/submissions/{id}/sign-off", PartnerWorld.SignOff());
        var first = await _factory.SubmissionAsync(contributor.OrganisationId);
        DateTime firstUpdated;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            firstUpdated = (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Responses.SingleAsync(r => r.PartnerSubmissionId == id)).UpdatedUtc;
        }

        var (officer, _) = await _factory.SignInAsAsync(PortalRoles.Officer);
        var reopened = await officer.PostFormAsync($"/backoffice/partners/consultations/{first.ConsultationId}", new() { ["submissionId"] = id.ToString(), ["reason"] = "The board asked for a correction" }, $"/backoffice/partners/consultations/{first.ConsultationId}?handler=reopen");
        _factory.Time.Advance(TimeSpan.FromHours(3));
        contributor = await _factory.SignInAgainAsync(contributor);
        await contributor.Client.PostDraftAsync(id, await contributor.Client.DraftFormAsync(id), await _factory.AnswersAsync("Corrected view."));
        var again = await contributor.Client.PostFormAsync($"/partners/submissions/{id}/sign-off", PartnerWorld.SignOff());

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var second = await _factory.SubmissionAsync(contributor.OrganisationId);
        Assert.Equal(first.Reference, second.Reference);
        Assert.NotNull(second.ReopenedUtc);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var row = await db.Responses.SingleAsync(r => r.PartnerSubmissionId == id);
            Assert.True(row.UpdatedUtc > firstUpdated);
            Assert.Equal(first.Reference, row.Reference);
            Assert.Contains(await db.AuditEntries.Where(e => e.Action == PartnerAudit.Reopened).ToListAsync(), e => e.Detail!.Contains("The board asked for a correction", StringComparison.Ordinal));
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string name, string type, byte[] bytes)
    {
        var html = await (await client.GetAsync($"/partners/submissions/{id}/letter")).ReadHtmlAsync();
        var token = html.QuerySelectorAll("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single().Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "Upload", name);
        return await client.PostAsync($"/partners/submissions/{id}/letter", form);
    }
}
