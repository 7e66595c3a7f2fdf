using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.PartnershipResponse;

/// <summary>The editor, the version page (preview, sign-off, publish) and the exports, over collation runs the tests store.</summary>
public sealed class PartnershipResponseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset At = new(2020, 11, 30, 18, 0, 0, TimeSpan.Zero);

    private async Task<Guid> ConsultationIdAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
    }

    /// <summary>The key of the sample consultation's first question (an Umbraco element id in its content package).</summary>
    private string _q1 = "";

    private string Q1 => "narrative-" + _q1;

    /// <summary>Starts each test from no versions and one stored run (the factory's database is shared by the class).</summary>
    private async Task<(HttpClient Client, Guid Id, Guid RunId)> ArrangeAsync(string? text = null)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.PartnershipResponseVersions.ExecuteDeleteAsync();
        await db.CollationRuns.ExecuteDeleteAsync();
        var run = await PartnershipFixtures.CollateAndStoreAsync(db, "integrating-care", At, text);
        _q1 = Core.Collation.SnapshotJson.Deserialize(run.SnapshotJson!).Content.Questions[0].Key;
        return (client, run.ConsultationId, run.Id);
    }

    private static string Editor(Guid id) => $"/backoffice/consultations/{id}/partnership-response";

    private async Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid id, Guid runId, string q1) =>
        await client.PostFormAsync(Editor(id), new() { ["RunId"] = runId.ToString(), [Q1] = q1 });

    private async Task SignOffAsync(HttpClient client, Guid id, int number = 1)
    {
        var response = await client.PostFormAsync($"{Editor(id)}/versions/{number}", new() { ["SignedOffBy"] = "Jane Smith", ["SignedOffRole"] = "Director of Strategy" }, $"{Editor(id)}/versions/{number}?handler=SignOff");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Editor_NoCollationYet_SaysToCollateFirst()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.PartnershipResponseVersions.ExecuteDeleteAsync();
            await db.CollationRuns.ExecuteDeleteAsync();
        }

        var html = await (await client.GetAsync(Editor(await ConsultationIdAsync()))).ReadHtmlAsync();

        Assert.Contains("There is no collation snapshot yet", html.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(html.QuerySelector("textarea"));
    }

    [Fact]
    public async Task Editor_WithSnapshot_ShowsEvidenceBesideEachNarrative()
    {
        var (client, id, _) = await ArrangeAsync();

        var html = await (await client.GetAsync(Editor(id))).ReadHtmlAsync();

        var evidence = html.QuerySelectorAll(".portal-evidence").First();
        Assert.Equal(["Agree", "3", "1", "0", "4", "57.1", "1"], evidence.QuerySelectorAll("table tr").Single(r => r.Children[0].TextContent == "Agree").Children.Select(c => c.TextContent.Trim()));
        Assert.NotNull(evidence.QuerySelector("svg[role=img] title"));
        Assert.Contains("Cite as [[theme:Local accountability]]", evidence.TextContent, StringComparison.Ordinal);
        Assert.Contains("Local accountability matters more than structures.", evidence.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnershipFixtures.PrivateText, html.Source.Text, StringComparison.Ordinal);
        Assert.Contains("Hull City Council: Strongly disagree", evidence.TextContent, StringComparison.Ordinal);
        Assert.NotNull(html.QuerySelector($"textarea#{Q1}"));
    }

    [Fact]
    public async Task Save_ValidCitations_MakesDraftVersion1_AndFlagsTheUncitedParagraph()
    {
        var (client, id, runId) = await ArrangeAsync();

        var response = await SaveAsync(client, id, runId, "Most agreed [[tally:Q1]], stressing [[theme:Local accountability]].\n\nThis paragraph cites nothing.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await (await client.GetAsync(Editor(id))).ReadHtmlAsync();
        Assert.Contains("Saved as draft version 1. 1 paragraph cites no evidence", html.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Question 1, paragraph 2 cites no evidence: \u201CThis paragraph cites nothing.\u201D", html.QuerySelector(".portal-flags li")!.TextContent);
        Assert.Equal("Most agreed [[tally:Q1]], stressing [[theme:Local accountability]].\n\nThis paragraph cites nothing.", html.QuerySelector($"textarea#{Q1}")!.TextContent.Replace("\r", "", StringComparison.Ordinal).Trim());
        Assert.Equal("Version 1", html.QuerySelector("main table:last-of-type a")!.TextContent);
    }

    [Fact]
    public async Task Save_CitationAbsentFromSnapshot_ErrorSummaryAndTheTextKept()
    {
        var (client, id, runId) = await ArrangeAsync();

        var response = await SaveAsync(client, id, runId, "People wanted [[theme:Workforce]] <script>alert(1)</script>");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        var link = html.QuerySelector(".nhsuk-error-summary a")!;
        Assert.StartsWith("Question 1: [[theme:Workforce]] cites a theme that is not in this question's evidence", link.TextContent, StringComparison.Ordinal);
        Assert.Equal("#" + Q1, link.GetAttribute("href"));
        Assert.Equal("People wanted [[theme:Workforce]] <script>alert(1)</script>", html.QuerySelector($"textarea#{Q1}")!.TextContent.Trim());
        Assert.Empty(InertHtml.Problems(html.QuerySelector("main")!.OuterHtml));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PartnershipResponseVersions.AnyAsync());
    }

    [Fact]
    public async Task SignOff_WithoutName_ErrorsThenSignedOffAndLocked_NextSaveIsVersion2()
    {
        var (client, id, runId) = await ArrangeAsync();
        await SaveAsync(client, id, runId, "Most agreed [[tally:Q1]].");

        var refused = await client.PostFormAsync($"{Editor(id)}/versions/1", new() { ["SignedOffBy"] = "", ["SignedOffRole"] = "" }, $"{Editor(id)}/versions/1?handler=SignOff");
        Assert.Equal(
            ["Enter the name of the officer signing off the response", "Enter the role of the officer signing off the response"],
            (await refused.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent));

        await SignOffAsync(client, id);
        var page = await (await client.GetAsync($"{Editor(id)}/versions/1")).ReadHtmlAsync();
        Assert.Contains("Version 1, signed off by Jane Smith (Director of Strategy)", page.QuerySelector(".portal-partnership-response")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=SignedOffBy]"));
        Assert.NotNull(page.QuerySelector("textarea#yousaidwedid"));

        await SaveAsync(client, id, runId, "Revised [[tally:Q1]].");
        var editor = await (await client.GetAsync(Editor(id))).ReadHtmlAsync();
        Assert.Equal(["Version 2", "Version 1"], editor.QuerySelectorAll("main table:last-of-type a").Select(a => a.TextContent));
        await using var scope = factory.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries.Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.PartnershipResponseSignedOff, actions);
    }

    [Fact]
    public async Task VersionPage_NewerCollationAfterSignOff_ShowsResponsesSinceSignOff()
    {
        var (client, id, runId) = await ArrangeAsync();
        await SaveAsync(client, id, runId, "Most agreed [[tally:Q1]].");
        await SignOffAsync(client, id);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await PartnershipFixtures.CollateAndStoreAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), "integrating-care", factory.Time.GetUtcNow().AddHours(1), extra: 5);
        }

        var page = await (await client.GetAsync($"{Editor(id)}/versions/1")).ReadHtmlAsync();

        Assert.Contains("5 responses since sign-off", page.QuerySelector(".portal-since-sign-off")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_WordPdfCsv_DownloadedAndAudited()
    {
        var (client, id, runId) = await ArrangeAsync();
        await SaveAsync(client, id, runId, "Most agreed [[tally:Q1]].");

        var docx = await client.GetAsync($"{Editor(id)}/versions/1/docx");
        var pdf = await client.GetAsync($"{Editor(id)}/versions/1/pdf");
        var csv = await client.GetAsync($"{Editor(id)}/versions/1/csv");
        var unknown = await client.GetAsync($"{Editor(id)}/versions/1/exe");

        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("integrating-care-partnership-response-v1.docx", docx.Content.Headers.ContentDisposition!.FileName);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(word));
            Assert.Contains("Most agreed [1].", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Contains("Tally,Q1,Agree,Overall,4,57.1,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries.CountAsync(e => e.Action == AuditActions.PartnershipResponseExported && e.Subject!.Contains(id.ToString())));
    }

    [Fact]
    public async Task Publish_SignedOffVersion_ResultsPageShowsItWithTheSummary()
    {
        var (client, id, runId) = await ArrangeAsync();
        var anonymous = factory.CreatePortalClient();
        await SaveAsync(client, id, runId, "Most agreed [[tally:Q1]]; [[partner:Hull City Council]] did not.");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/consultations/integrating-care/results")).StatusCode);
        await SignOffAsync(client, id);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/consultations/integrating-care/results")).StatusCode);

        var empty = await client.PostFormAsync($"{Editor(id)}/versions/1", new() { ["YouSaidWeDid"] = "" }, $"{Editor(id)}/versions/1?handler=Publish");
        Assert.Equal("Enter the \u201Cyou said, we did\u201D summary for the results page", (await empty.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);
        var published = await client.PostFormAsync($"{Editor(id)}/versions/1", new() { ["YouSaidWeDid"] = "You said **keep it local**; we did." }, $"{Editor(id)}/versions/1?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var results = await anonymous.GetAsync("/consultations/integrating-care/results");
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        var html = await results.ReadHtmlAsync();
        Assert.Equal("keep it local", html.QuerySelector(".nhsuk-card--feature strong")!.TextContent);
        Assert.Contains("Most agreed [1];", html.QuerySelector("section .portal-body p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Local accountability matters more than structures.", html.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnershipFixtures.PrivateText, html.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_XssCorpusInNarrativeSummaryAndQuotes_Inert()
    {
        var vectors = Repository.XssVectors;
        var (client, id, runId) = await ArrangeAsync(text: string.Join(" ", vectors.Take(80)));
        // As many vectors as the narrative (20,000 characters) and the summary (10,000) take; ASP.NET Core refuses a
        // form carrying NUL before any page sees it, so those vectors reach this page only as respondents' quotes.
        var typed = vectors.Where(v => !v.Contains('\0', StringComparison.Ordinal)).ToList();
        static string Within(IEnumerable<string> parts, int limit) => parts.Aggregate("", (text, part) => text.Length + part.Length + 2 > limit ? text : text + part + "\n\n");
        var saved = await SaveAsync(client, id, runId, Within(typed.Select(v => v.Replace("[", "(", StringComparison.Ordinal) + " [[tally:Q1]]"), 19_000));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await SignOffAsync(client, id);
        var published = await client.PostFormAsync($"{Editor(id)}/versions/1", new() { ["YouSaidWeDid"] = Within(typed, 9_000) }, $"{Editor(id)}/versions/1?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var preview = await (await client.GetAsync($"{Editor(id)}/versions/1")).ReadHtmlAsync();
        var results = await factory.CreatePortalClient().GetAsync("/consultations/integrating-care/results");

        // Everything written by respondents and officers renders inside <main>; the layout's own nonce-bearing scripts are outside it.
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        var main = (await results.ReadHtmlAsync()).QuerySelector("main")!;
        Assert.Empty(InertHtml.Problems(main.OuterHtml));
        Assert.Contains(vectors[1], main.TextContent, StringComparison.Ordinal);
        Assert.Empty(InertHtml.Problems(preview.QuerySelector("main")!.OuterHtml));
    }
}
