using System.Net;
using EngagementPortal.Core.Responses;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

public sealed class QuestionsTests : IClassFixture<PortalFactory>
{
    private const string Slug = TestConsultations.AllTypes;
    private static readonly string Page1 = Journey.Url(Slug, "questions/1");
    private readonly PortalFactory _factory;

    public QuestionsTests(PortalFactory factory)
    {
        _factory = factory;
        TestConsultations.EnsureAllTypesAsync(factory).GetAwaiter().GetResult();
    }

    private async Task<Browser> StartedAsync()
    {
        var browser = Journey.NewBrowser(_factory);
        await browser.SubmitToAsync(Journey.Url(Slug, "about-you"), Page1, f => f.Set("RespondentType", "Individual"));
        return browser;
    }

    [Fact]
    public async Task Get_GroupedQuestions_ShareOnePageAndEveryKindHasItsControl()
    {
        var page = await (await StartedAsync()).GetPageAsync(Page1);

        Assert.Equal("Your views", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("textarea#q-ft"));
        Assert.Equal(6, page.QuerySelectorAll("input[type=radio][name=q-ad]").Length);
        Assert.NotNull(page.QuerySelector("textarea#q-ad-explain"));
        Assert.Equal(3, page.QuerySelectorAll("input[type=radio][name=q-sc]").Length);
        Assert.NotNull(page.QuerySelector("input#q-sc-other"));
        Assert.Equal(3, page.QuerySelectorAll("input[type=checkbox][name=q-mc]").Length);
        Assert.NotNull(page.QuerySelector("input#q-mc-other"));
        Assert.Equal(["Yes", "No"], page.QuerySelectorAll("input[type=radio][name=q-yn]").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task Post_RequiredMissingOtherWithoutTextAndTooLong_ShowsEachErrorAndKeepsEverythingTyped()
    {
        var browser = await StartedAsync();
        var tooLong = new string('x', 10_001);

        var response = await browser.SubmitAsync(Page1, f => f
            .Set("q-ft", tooLong)
            .Set("q-ad", "Agree").Set("q-ad-explain", "Because <b>reasons</b>")
            .Set("q-sc", "Other")
            .Add("q-mc", "GP").Add("q-mc", "Other, please specify").Set("q-mc-other", "Walk-in centre"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.Equal(
            [
                ("#q-ft", "Your answer to question 1 must be 10,000 characters or fewer (it is 10,001)"),
                ("#q-sc-other", "Tell us what you mean by \"Other\" for question 3"),
                ("#q-yn", "Select yes or no for question 5"),
            ],
            page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => (a.GetAttribute("href")!, a.TextContent)));
        Assert.Equal(tooLong, page.QuerySelector("textarea#q-ft")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=q-ad][value=Agree][checked]"));
        Assert.Equal("Because <b>reasons</b>", page.QuerySelector("textarea#q-ad-explain")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=q-sc][value=Other][checked]"));
        Assert.Equal(2, page.QuerySelectorAll("input[name=q-mc][checked]").Length);
        Assert.Equal("Walk-in centre", page.QuerySelector("#q-mc-other")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#q-yn"));
    }

    [Fact]
    public async Task Post_ChoiceThatIsNotOffered_IsRejected()
    {
        var browser = await StartedAsync();

        var response = await browser.SubmitAsync(Page1, f => f.Set("q-yn", "Yes").Set("q-ad", "Totally"));

        var page = await response.ReadHtmlAsync();
        Assert.Equal(["Select one of the answers listed for question 2"], page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Post_Valid_GoesToTheNextPageAndTheAnswersComeBack()
    {
        var browser = await StartedAsync();

        await browser.SubmitToAsync(Page1, Journey.Url(Slug, "questions/2"), f => f
            .Set("q-ft", "Shorter waits")
            .Set("q-sc", "Other").Set("q-sc-other", "Dentist")
            .Add("q-mc", "A&E")
            .Set("q-yn", "No").Set("q-yn-explain", "Never offered"));
        var page = await browser.GetPageAsync(Page1);

        Assert.Equal("Shorter waits", page.QuerySelector("textarea#q-ft")!.TextContent);
        Assert.Equal("Dentist", page.QuerySelector("#q-sc-other")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=q-mc][value='A&E'][checked]"));
        Assert.Equal("Never offered", page.QuerySelector("textarea#q-yn-explain")!.TextContent);
    }

    [Fact]
    public async Task Get_PageThatDoesNotExist_IsNotFound()
    {
        var response = await (await StartedAsync()).Client.GetAsync(Journey.Url(Slug, "questions/9"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_LaterStepWithoutAJourney_GoesBackToTheStart()
    {
        var response = await _factory.CreatePortalClient().GetAsync(Journey.Url(Slug, "equality"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(Journey.Url(Slug), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Post_SaveAndComeBackLater_KeepsWhatWasTypedEvenIfUnfinished()
    {
        var browser = await StartedAsync();

        var response = await browser.SubmitAsync(Page1, f => f.Set("q-ft", "Half a thought"), button: "save");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(Journey.Url(Slug, "save"), response.Headers.Location?.OriginalString);
        var page = await browser.GetPageAsync(Page1);
        Assert.Equal("Half a thought", page.QuerySelector("textarea#q-ft")!.TextContent);
    }
}

public sealed class EqualityAndPublishingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Slug = TestConsultations.IntegratingCare;

    private async Task<Browser> AtEqualityAsync()
    {
        var browser = Journey.NewBrowser(factory);
        var next = Journey.Url(Slug, "about-you");
        await browser.SubmitToAsync(next, Journey.Url(Slug, "questions/1"), f => f.Set("RespondentType", "Individual"));
        for (var i = 1; i <= 4; i++)
        {
            await browser.SubmitToAsync(Journey.Url(Slug, $"questions/{i}"), Journey.Url(Slug, i < 4 ? $"questions/{i + 1}" : "equality"), Journey.ChooseFirstOfEach);
        }

        return browser;
    }

    [Fact]
    public async Task Equality_Get_OffersPreferNotToSayForEveryQuestion()
    {
        var page = await (await AtEqualityAsync()).GetPageAsync(Journey.Url(Slug, "equality"));

        foreach (var name in new[] { "AgeBand", "Sex", "Disability", "Ethnicity" })
        {
            Assert.NotNull(page.QuerySelector($"input[name={name}][value='Prefer not to say']"));
        }
    }

    [Fact]
    public async Task Equality_PostNothing_IsAllowedAndGoesToPublishing()
    {
        var browser = await AtEqualityAsync();

        await browser.SubmitToAsync(Journey.Url(Slug, "equality"), Journey.Url(Slug, "publishing"));
    }

    [Fact]
    public async Task Equality_PostUnknownValue_SaysWhichQuestion()
    {
        var browser = await AtEqualityAsync();

        var response = await browser.SubmitAsync(Journey.Url(Slug, "equality"), f => f.Set("Sex", "Robot").Set("AgeBand", "25 to 34"));

        var page = await response.ReadHtmlAsync();
        Assert.Equal(["Select one of the options listed for sex"], page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent));
        Assert.NotNull(page.QuerySelector("input[name=AgeBand][value='25 to 34'][checked]"));
    }

    [Fact]
    public async Task Publishing_PostNothingOrWithNameButNoName_AsksForWhatIsMissing()
    {
        var browser = await AtEqualityAsync();
        await browser.SubmitToAsync(Journey.Url(Slug, "equality"), Journey.Url(Slug, "publishing"));

        var none = await (await browser.SubmitAsync(Journey.Url(Slug, "publishing"))).ReadHtmlAsync();
        var noName = await (await browser.SubmitAsync(Journey.Url(Slug, "publishing"), f => f.Set("Publishing", "PublishWithName"))).ReadHtmlAsync();

        Assert.Equal("Select whether we may publish your response", none.QuerySelector(".nhsuk-error-summary__list a")!.TextContent);
        Assert.Equal("#PublishedName", noName.QuerySelector(".nhsuk-error-summary__list a")!.GetAttribute("href"));
        Assert.NotNull(none.QuerySelector("a[href='/privacy']"));
    }

    [Fact]
    public async Task Publishing_PostValid_GoesToCheckAnswers()
    {
        var browser = await AtEqualityAsync();
        await browser.SubmitToAsync(Journey.Url(Slug, "equality"), Journey.Url(Slug, "publishing"));

        await browser.SubmitToAsync(Journey.Url(Slug, "publishing"), Journey.Url(Slug, "check-answers"), f => f.Set("Publishing", "PublishWithName").Set("PublishedName", "A. Resident"));
    }
}
