using System.Net;

namespace EngagementPortal.Web.Tests.Pages.Consultations;

public sealed class DetailTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_WhileOpen_ShowsSummaryBodyDeadlinesAndStartButton()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var response = await factory.CreatePortalClient().GetAsync("/consultations/integrating-care");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.StartsWith("Integrating care: next steps", html.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("by Friday 8 January", html.QuerySelector(".nhsuk-lede-text")!.TextContent, StringComparison.Ordinal);
        var text = html.Body!.TextContent;
        Assert.Contains("11:59pm on Friday 8 January 2021", text, StringComparison.Ordinal);
        Assert.Contains("5pm on Monday 4 January 2021", text, StringComparison.Ordinal);
        Assert.Contains("This date is an example", text, StringComparison.Ordinal);
        Assert.Contains("Members of the public", text, StringComparison.Ordinal);
        Assert.NotEmpty(html.QuerySelectorAll(".portal-body h2"));
        Assert.Equal("/consultations/integrating-care/respond", html.QuerySelector("a.nhsuk-button")!.GetAttribute("href"));
        Assert.Null(html.QuerySelector(".portal-demo-banner"));
    }

    [Fact]
    public async Task Get_AfterClose_SaysItClosedAndOffersNoStart()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2021, 1, 9, 0, 0, 0, TimeSpan.Zero));
        var html = await (await factory.CreatePortalClient().GetAsync("/consultations/integrating-care")).ReadHtmlAsync();

        Assert.Null(html.QuerySelector("a.nhsuk-button"));
        Assert.Contains("This consultation closed at 11:59pm on Friday 8 January 2021", html.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OneSecondBeforeClose_IsStillOpen()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2021, 1, 8, 23, 59, 58, TimeSpan.Zero));
        var html = await (await factory.CreatePortalClient().GetAsync("/consultations/integrating-care")).ReadHtmlAsync();

        Assert.NotNull(html.QuerySelector("a.nhsuk-button"));
        Assert.Contains("Closes today", html.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownSlug_IsNotFoundWithTheGenericPage()
    {
        var response = await factory.CreatePortalClient().GetAsync("/consultations/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal("Page not found", html.QuerySelector("h1")!.TextContent);
    }
}
