using System.Net;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Coding;

/// <summary>An officer builds a question's coding frame and codes its answers one at a time, by plain form posts.</summary>
public sealed class CodingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Frame(Guid id) => $"/backoffice/consultations/{id}/coding/ft";

    private static string Answers(Guid id, long? answer = null) => Frame(id) + "/answers" + (answer is { } a ? "?answer=" + a : "");

    private async Task<(HttpClient Client, Guid Id, List<long> Answers)> SeedAsync(params string[] texts)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await CodingData.ConsultationAsync(factory);
        var answers = await CodingData.RespondAsync(factory, id, texts.Length == 0 ? ["More GP appointments", "Longer pharmacy hours", "Better buses"] : texts);
        return (client, id, answers);
    }

    private static Task<HttpResponseMessage> AddThemeAsync(HttpClient client, Guid id, string name, string description = "") =>
        client.PostFormAsync(Frame(id), new() { ["Name"] = name, ["Description"] = description }, action: Frame(id) + "?handler=Save");

    private async Task<Dictionary<string, Guid>> ThemesAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().CodingThemes.Where(t => t.ConsultationId == id && t.MergedIntoThemeId == null).ToDictionaryAsync(t => t.Name, t => t.Id);
    }

    private async Task<List<Guid>> TagsAsync(long answer)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AnswerThemes.Where(t => t.ResponseAnswerId == answer).Select(t => t.ThemeId).ToListAsync();
    }

    [Fact]
    public async Task Index_ListsEveryTextPlace_WithPercentCoded()
    {
        var (client, id, _) = await SeedAsync();

        var response = await client.GetAsync($"/backoffice/consultations/{id}/coding");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal(["1. What should we change?", "2. Do you agree? (Please explain your answer)"], html.QuerySelectorAll("main h2").Select(h => h.TextContent));
        Assert.Equal("0% coded (0 of 3 answers)", html.QuerySelector(".portal-progress__label")!.TextContent);
        Assert.Equal("0", html.QuerySelector("progress")!.GetAttribute("value"));
    }

    [Fact]
    public async Task UnknownConsultationOrQuestion_IsNotFound()
    {
        var (client, id, _) = await SeedAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/backoffice/consultations/{Guid.NewGuid()}/coding")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/backoffice/consultations/{id}/coding/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/backoffice/consultations/{id}/coding/nope/answers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Answers(id, 999_999))).StatusCode);
    }

    [Fact]
    public async Task AddTheme_Empty_ShowsTheError_Valid_Redirects()
    {
        var (client, id, _) = await SeedAsync();

        var empty = await AddThemeAsync(client, id, " ");
        var added = await AddThemeAsync(client, id, "Access to GPs", "Getting an appointment");
        var duplicate = await AddThemeAsync(client, id, "access to gps");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(["Enter a name for the theme"], (await empty.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(Frame(id), added.Headers.Location!.OriginalString);
        var duplicateHtml = await duplicate.ReadHtmlAsync();
        Assert.Equal("#name", duplicateHtml.QuerySelector(".nhsuk-error-summary a")!.GetAttribute("href"));
        Assert.Equal("access to gps", ((IHtmlInputElement)duplicateHtml.QuerySelector("#name")!).Value);
        var page = await (await client.GetAsync(Frame(id))).ReadHtmlAsync();
        Assert.Equal(["Access to GPs", "Getting an appointment", "0"], page.QuerySelectorAll("main table tbody tr:first-child td").Take(3).Select(td => td.TextContent));
    }

    [Fact]
    public async Task Rename_PrefillsTheForm_AndSavesTheNewName()
    {
        var (client, id, _) = await SeedAsync();
        await AddThemeAsync(client, id, "Access to GPs");
        var theme = (await ThemesAsync(id))["Access to GPs"];

        var form = await (await client.GetAsync(Frame(id) + "?edit=" + theme)).ReadHtmlAsync();
        var saved = await client.PostFormAsync(Frame(id) + "?edit=" + theme, new() { ["edit"] = theme.ToString(), ["Name"] = "GP appointments", ["Description"] = "" }, action: Frame(id) + "?handler=Save");

        Assert.Equal("Access to GPs", ((IHtmlInputElement)form.QuerySelector("#name")!).Value);
        Assert.Equal("Rename the theme", form.QuerySelectorAll("main h2").Last().TextContent);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(theme, (await ThemesAsync(id))["GP appointments"]);
    }

    [Fact]
    public async Task Merge_IntoItself_IsExplained_ThenMergesKeepingTags()
    {
        var (client, id, answers) = await SeedAsync();
        await AddThemeAsync(client, id, "Access to GPs");
        await AddThemeAsync(client, id, "Appointments");
        var themes = await ThemesAsync(id);
        await client.PostFormAsync(Answers(id, answers[0]), new() { ["answer"] = answers[0].ToString(), ["themes"] = themes["Appointments"].ToString(), ["go"] = "next" }, action: Answers(id) + "?handler=Save");

        var itself = await client.PostFormAsync(Frame(id), new() { ["MergeFrom"] = themes["Appointments"].ToString(), ["MergeInto"] = themes["Appointments"].ToString() }, action: Frame(id) + "?handler=Merge");
        var nothing = await client.PostFormAsync(Frame(id), new() { ["MergeFrom"] = "", ["MergeInto"] = "" }, action: Frame(id) + "?handler=Merge");
        var merged = await client.PostFormAsync(Frame(id), new() { ["MergeFrom"] = themes["Appointments"].ToString(), ["MergeInto"] = themes["Access to GPs"].ToString() }, action: Frame(id) + "?handler=Merge");

        Assert.Equal(["Select a different theme: a theme cannot be merged into itself"], (await itself.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent));
        Assert.Equal(["#mergefrom"], (await nothing.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal([themes["Access to GPs"]], await TagsAsync(answers[0]));
        Assert.Equal(["Access to GPs"], (await ThemesAsync(id)).Keys);
    }

    [Fact]
    public async Task Answer_ShowsOneAnswer_WithThemesAccessKeysAndNeighbours()
    {
        var (client, id, answers) = await SeedAsync();
        await AddThemeAsync(client, id, "Access to GPs", "Getting an appointment");
        await AddThemeAsync(client, id, "Transport");

        var response = await client.GetAsync(Answers(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.StartsWith("Answer 1 of 3 (response T-", html.QuerySelector("main h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("More GP appointments", html.QuerySelector("#answer-text")!.TextContent);
        Assert.Equal(["1", "2"], html.QuerySelectorAll("input[name=themes]").Select(i => i.GetAttribute("accesskey")));
        Assert.Equal(["s", "p"], html.QuerySelectorAll("button[name=go]").Select(b => b.GetAttribute("accesskey")));
        Assert.Equal(Answers(id, answers[1]), html.QuerySelector("a[accesskey=n]")!.GetAttribute("href"));
        Assert.Null(html.QuerySelector("a[accesskey=b]"));
        var script = html.QuerySelector("script[src^='/js/coding-shortcuts.js']")!;
        Assert.False(string.IsNullOrEmpty(script.GetAttribute("nonce")));
    }

    [Fact]
    public async Task SaveAndNext_TagsTheAnswer_AndGoesToTheNextOne_SaveAndPrevious_GoesBack()
    {
        var (client, id, answers) = await SeedAsync();
        await AddThemeAsync(client, id, "Access to GPs");
        await AddThemeAsync(client, id, "Transport");
        var themes = await ThemesAsync(id);

        var next = await client.PostAsync(Answers(id) + "?handler=Save", await FormAsync(client, Answers(id, answers[0]), ("themes", themes["Access to GPs"].ToString()), ("themes", themes["Transport"].ToString()), ("go", "next")));
        var back = await client.PostAsync(Answers(id) + "?handler=Save", await FormAsync(client, Answers(id, answers[1]), ("go", "previous")));

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal(Answers(id, answers[1]), next.Headers.Location!.OriginalString);
        Assert.Equal(Answers(id, answers[0]), back.Headers.Location!.OriginalString);
        Assert.Equal(2, (await TagsAsync(answers[0])).Count);
        var page = await (await client.GetAsync(Answers(id, answers[0]))).ReadHtmlAsync();
        Assert.Equal(2, page.QuerySelectorAll("input[name=themes][checked]").Length);
        Assert.Equal("33% coded (1 of 3 answers)", page.QuerySelector(".portal-progress__label")!.TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries.AnyAsync(e => e.Action == AuditActions.AnswerCoded && e.Detail == "ft: Access to GPs; Transport"));
    }

    [Fact]
    public async Task Save_AThemeOfAnotherQuestion_IsRefused_AndKeepsTheTicks()
    {
        var (client, id, answers) = await SeedAsync();
        await AddThemeAsync(client, id, "Access to GPs");
        var gp = (await ThemesAsync(id))["Access to GPs"];
        await client.PostFormAsync($"/backoffice/consultations/{id}/coding/ad-explain", new() { ["Name"] = "Trust" }, action: $"/backoffice/consultations/{id}/coding/ad-explain?handler=Save");
        var other = (await ThemesAsync(id))["Trust"];

        var response = await client.PostAsync(Answers(id) + "?handler=Save", await FormAsync(client, Answers(id, answers[0]), ("themes", gp.ToString()), ("themes", other.ToString()), ("go", "next")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal("#themes", html.QuerySelector(".nhsuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(html.QuerySelector($"input[value='{gp}'][checked]"));
        Assert.Empty(await TagsAsync(answers[0]));
    }

    [Fact]
    public async Task Suggestion_FromTheLatestRun_IsShown_AndAcceptingTagsAndAddsTheTheme()
    {
        var (client, id, answers) = await SeedAsync();
        await AddThemeAsync(client, id, "Transport");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var responseId = await db.ResponseAnswers.Where(a => a.Id == answers[2]).Select(a => a.ResponseId).SingleAsync();
            var question = new QuestionEvidence("ft", 1, "What should we change?", [], 3, [], [], [new AnswerSuggestion(responseId.ToString(), ["transport", "Buses"], 0.7)], []);
            var content = new CollationContent("coding", new ResponseCounts(3, 0, 0, 0, 3, 0, 0, 0, []), [question], new PartnerPositions([], []), [], [], "method");
            db.CollationRuns.Add(new CollationRun
            {
                Id = Guid.NewGuid(),
                ConsultationId = id,
                Status = CollationRunStatus.Succeeded,
                StartedUtc = factory.Time.GetUtcNow().UtcDateTime,
                FinishedUtc = factory.Time.GetUtcNow().UtcDateTime,
                SnapshotJson = SnapshotJson.Serialize(new CollationSnapshot(factory.Time.GetUtcNow(), "hash", content)),
            });
            await db.SaveChangesAsync();
        }

        var page = await (await client.GetAsync(Answers(id, answers[2]))).ReadHtmlAsync();
        var accepted = await client.PostAsync(Answers(id) + "?handler=Accept", await FormAsync(client, Answers(id, answers[2]), 1));

        Assert.Equal(["transport", "Buses"], page.QuerySelectorAll("#suggestion li").Select(li => li.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var themes = await ThemesAsync(id);
        Assert.Equal(["Buses", "Transport"], themes.Keys.Order());
        Assert.Equal(themes.Values.Order(), (await TagsAsync(answers[2])).Order());
    }

    [Fact]
    public async Task EveryXssVector_AsAnAnswer_IsShownInertOnTheCodingPage()
    {
        var vectors = EngagementPortal.TestCommon.Repository.XssVectors.Where(v => !v.Contains('\0', StringComparison.Ordinal)).ToArray();
        var (client, id, answers) = await SeedAsync(vectors);
        await AddThemeAsync(client, id, "<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
        var failures = new List<string>();

        for (var i = 0; i < answers.Count; i++)
        {
            var html = await (await client.GetAsync(Answers(id, answers[i]))).ReadHtmlAsync();
            var main = html.QuerySelector("main")!;
            var problems = EngagementPortal.TestCommon.InertHtml.Problems(main.OuterHtml);
            if (problems.Count > 0)
            {
                failures.Add($"{vectors[i]}: {string.Join(", ", problems)}");
            }

            if (!vectors[i].Any(char.IsControl) && html.QuerySelector("#answer-text")!.TextContent != vectors[i])
            {
                failures.Add($"{vectors[i]}: not shown back as text");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The page's form (by index: 0 the themes, 1 the suggestion), its token and hidden fields, plus the given fields.</summary>
    private static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string url, int index, params (string Name, string Value)[] fields)
    {
        var page = await (await client.GetAsync(url)).ReadHtmlAsync();
        var form = page.QuerySelectorAll("main form[method=post]").OfType<IHtmlFormElement>().ElementAt(index);
        var hidden = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        return new FormUrlEncodedContent([.. hidden, .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    private static Task<FormUrlEncodedContent> FormAsync(HttpClient client, string url, params (string Name, string Value)[] fields) => FormAsync(client, url, 0, fields);
}
