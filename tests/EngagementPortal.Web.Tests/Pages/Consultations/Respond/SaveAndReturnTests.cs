using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

public sealed partial class SaveAndReturnTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Slug = TestConsultations.IntegratingCare;
    private static readonly string SaveUrl = Journey.Url(Slug, "save");

    [Fact]
    public async Task Post_NoEmail_AsksForIt()
    {
        var browser = Journey.NewBrowser(factory);
        await browser.SubmitToAsync(Journey.Url(Slug, "about-you"), Journey.Url(Slug, "questions/1"), f => f.Set("RespondentType", "Individual"));

        var page = await (await browser.SubmitAsync(SaveUrl)).ReadHtmlAsync();

        Assert.Equal("Enter your email address", page.QuerySelector(".nhsuk-error-summary__list a")!.TextContent);
    }

    [Fact]
    public async Task Link_OnAnotherDevice_RestoresEveryAnswerAndWorksOnce()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(
            browser,
            Slug,
            aboutYou: f => f.Set("RespondentType", "Organisation").Set("OrganisationName", "Hull City Council").Set("Role", "Officer"),
            questions: f => { Journey.ChooseFirstOfEach(f); f.Set(f.Page.QuerySelector("main form textarea")!.GetAttribute("name")!, "Keep it local"); },
            equality: f => f.Set("Sex", "Female"));
        var before = await browser.GetPageAsync(Journey.Url(Slug, "check-answers"));

        var sent = await (await browser.SubmitAsync(SaveUrl, f => f.Set("Email", "later@example.com"))).ReadHtmlAsync();
        Assert.Equal("Check your email", sent.QuerySelector("h1")!.TextContent);
        var message = await Db.QueryAsync(factory, db => db.OutboxMessages.Where(m => m.Kind == "save-and-return" && m.To == "later@example.com").SingleAsync());
        var link = ResumeLink().Match(message.TextBody).Value;
        Assert.StartsWith("http://localhost/consultations/integrating-care/respond/resume/", link, StringComparison.Ordinal);
        Assert.Contains(link, message.HtmlBody, StringComparison.Ordinal);
        var path = new Uri(link).AbsolutePath;

        var laptop = Journey.NewBrowser(factory);
        var landing = await laptop.GetPageAsync(path);
        Assert.Equal("Carry on with your response", landing.QuerySelector("h1")!.TextContent);
        var resumed = await laptop.SubmitAsync(path);
        Assert.Equal(HttpStatusCode.SeeOther, resumed.StatusCode);
        var start = await laptop.Client.GetAsync(Journey.Url(Slug));
        Assert.Equal(Journey.Url(Slug, "check-answers"), start.Headers.Location?.OriginalString);
        var after = await laptop.GetPageAsync(Journey.Url(Slug, "check-answers"));
        Assert.Equal(before.QuerySelector("main")!.InnerHtml, after.QuerySelector("main")!.InnerHtml.Replace(after.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!, before.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!, StringComparison.Ordinal));
        Assert.Contains("Keep it local", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var again = await (await Journey.NewBrowser(factory).SubmitAsync(path)).ReadHtmlAsync();
        Assert.Contains("already been used", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_Unknown_SaysItIsNotRight()
    {
        var page = await (await Journey.NewBrowser(factory).SubmitAsync(Journey.Url(Slug, "resume/not-a-real-token"))).ReadHtmlAsync();

        Assert.Equal("You cannot use this link", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("not right", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://\S+/resume/[A-Za-z0-9_-]+")]
    private static partial Regex ResumeLink();
}

public sealed class DataRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/your-response";

    [Fact]
    public async Task Post_ReferenceWithATypo_IsRejectedByTheCheckCharacter()
    {
        var browser = Journey.NewBrowser(factory);
        var reference = Core.Responses.ResponseReference.Format("ICS", 5);
        var typo = reference[..^1] + (reference[^1] == 'A' ? 'B' : 'A');

        var page = await (await browser.SubmitAsync(Url, f => f.Set("Kind", "Copy").Set("Reference", typo).Set("Email", "a@example.com"))).ReadHtmlAsync();

        Assert.Equal("That reference is not right: check each character against your receipt", page.QuerySelector(".nhsuk-error-summary__list a")!.TextContent);
        Assert.Equal(typo, page.QuerySelector("#Reference")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Post_MatchingOrNot_SaysTheSameAndRecordsTheRequestForOfficers()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, TestConsultations.IntegratingCare, aboutYou: f => f.Set("RespondentType", "Individual").Set("Email", "Me@Example.com"));
        var reference = await Journey.SubmitAsync(browser, TestConsultations.IntegratingCare);
        var other = Core.Responses.ResponseReference.Format("ICS", 999_999);

        var matching = await (await browser.SubmitAsync(Url, f => f.Set("Kind", "Deletion").Set("Reference", reference.ToLowerInvariant()).Set("Email", "me@example.com"))).ReadHtmlAsync();
        var notMatching = await (await browser.SubmitAsync(Url, f => f.Set("Kind", "Deletion").Set("Reference", other).Set("Email", "me@example.com"))).ReadHtmlAsync();

        Assert.Equal(matching.QuerySelector("main")!.TextContent, notMatching.QuerySelector("main")!.TextContent);
        var requests = await Db.QueryAsync(factory, db => db.DataRequests.OrderBy(r => r.CreatedUtc).ToListAsync());
        Assert.Contains(requests, r => r.Reference == reference && r.ResponseId != null && r.Kind == Core.Responses.DataRequestKind.Deletion);
        Assert.Contains(requests, r => r.Reference == other && r.ResponseId == null);
    }

    [Fact]
    public async Task Post_Empty_AsksForEveryField()
    {
        var page = await (await Journey.NewBrowser(factory).SubmitAsync(Url)).ReadHtmlAsync();

        Assert.Equal(["#Kind", "#Reference", "#Email"], page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.GetAttribute("href")));
    }
}

public sealed class RateLimitTests : IClassFixture<RateLimitTests.Factory>
{
    private readonly Factory _factory;

    public RateLimitTests(Factory factory) => _factory = factory;

    public sealed class Factory : PortalFactory
    {
        public Factory()
        {
            Settings["RateLimits:JourneyPermitsPerMinute"] = "3";
            Settings["RateLimits:AddressPermitsPerMinute"] = "1000";
        }
    }

    [Fact]
    public async Task OneJourney_OverItsLimit_GetsTheFriendly429PageAndOtherPagesStillWork()
    {
        var browser = Journey.NewBrowser(_factory);
        await browser.SubmitToAsync(Journey.Url(TestConsultations.IntegratingCare, "about-you"), Journey.Url(TestConsultations.IntegratingCare, "questions/1"), f => f.Set("RespondentType", "Individual"));

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await browser.Client.GetAsync(Journey.Url(TestConsultations.IntegratingCare, "questions/1"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        var page = await limited.ReadHtmlAsync();
        Assert.Equal("Sorry, there have been too many attempts", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/consultations/integrating-care")).StatusCode);
    }
}
