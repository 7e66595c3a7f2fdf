using System.Net;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

public sealed class AboutYouTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Slug = TestConsultations.IntegratingCare;
    private static readonly string Url = Journey.Url(Slug, "about-you");

    [Fact]
    public async Task Start_NewVisitor_RedirectsToAboutYou()
    {
        var response = await factory.CreatePortalClient().GetAsync(Journey.Url(Slug));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_ShowsTheQuestionsAboutYouWithNoErrors()
    {
        var page = await Journey.NewBrowser(factory).GetPageAsync(Url);

        Assert.Equal("About you", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector(".nhsuk-error-summary"));
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal(2, page.QuerySelectorAll("input[name=RespondentType]").Length);
    }

    [Fact]
    public async Task Post_NothingChosen_ShowsTheErrorSummaryLinkedToTheField()
    {
        var response = await Journey.NewBrowser(factory).SubmitAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var link = page.QuerySelector(".nhsuk-error-summary__list a")!;
        Assert.Equal("#RespondentType", link.GetAttribute("href"));
        Assert.Equal("Select whether you are responding as an individual or on behalf of an organisation", link.TextContent);
        Assert.NotNull(page.QuerySelector("#RespondentType"));
        Assert.Contains("Select whether", page.QuerySelector("#RespondentType-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OrganisationWithoutNameOrRole_AsksForBothAndKeepsWhatWasTyped()
    {
        var response = await Journey.NewBrowser(factory).SubmitAsync(Url, f => f.Set("RespondentType", "Organisation").Set("PostcodeDistrict", "HU17").Set("Email", "clerk@example.org"));

        var page = await response.ReadHtmlAsync();
        Assert.Equal(["#OrganisationName", "#Role"], page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("HU17", page.QuerySelector("#PostcodeDistrict")!.GetAttribute("value"));
        Assert.Equal("clerk@example.org", page.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#RespondentType-organisation[checked]"));
        Assert.NotNull(page.QuerySelector(".nhsuk-form-group--error #OrganisationName.nhsuk-input--error"));
    }

    [Fact]
    public async Task Post_BadPostcodeAndEmail_SaysWhatIsWrongWithEach()
    {
        var response = await Journey.NewBrowser(factory).SubmitAsync(Url, f => f.Set("RespondentType", "Individual").Set("PostcodeDistrict", "York").Set("Email", "not-an-email"));

        var page = await response.ReadHtmlAsync();
        Assert.Equal(
            ["Enter the first part of a postcode, like YO1 or HU17", "Enter an email address in the correct format, like name@example.com"],
            page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent));
        Assert.Equal("York", page.QuerySelector("#PostcodeDistrict")!.GetAttribute("value"));
        Assert.Equal("not-an-email", page.QuerySelector("#Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Post_Valid_StartsTheJourneyWithASafeCookieAndGoesToTheFirstQuestion()
    {
        var response = await Journey.NewBrowser(factory).SubmitAsync(Url, f => f.Set("RespondentType", "Individual").Set("PostcodeDistrict", "yo1 7hh"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(Journey.Url(Slug, "questions/1"), response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal-journey=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/consultations/integrating-care/respond", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=3333599", cookie, StringComparison.OrdinalIgnoreCase); // until 11:59:59pm on 8 January 2021
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var browser = Journey.NewBrowser(factory);
        await browser.GetPageAsync(Url);

        var response = await browser.Client.PostAsync(Url, new FormUrlEncodedContent([new("RespondentType", "Individual")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_AfterSaving_ShowsTheSavedAnswersAgain()
    {
        var browser = Journey.NewBrowser(factory);
        await browser.SubmitToAsync(Url, Journey.Url(Slug, "questions/1"), f => f.Set("RespondentType", "Organisation").Set("OrganisationName", "Healthwatch East Riding").Set("Role", "Chair").Set("PostcodeDistrict", "HU17 9AA"));

        var page = await browser.GetPageAsync(Url);

        Assert.Equal("Healthwatch East Riding", page.QuerySelector("#OrganisationName")!.GetAttribute("value"));
        Assert.Equal("Chair", page.QuerySelector("#Role")!.GetAttribute("value"));
        Assert.Equal("HU17", page.QuerySelector("#PostcodeDistrict")!.GetAttribute("value"));
    }
}
