using System.Net;

namespace EngagementPortal.Web.Tests.Pages;

public sealed class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_WhileOpen_ListsIntegratingCareUnderOpenWithItsDeadline()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var response = await factory.CreatePortalClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal("Open for your views", html.QuerySelector("main h2")!.TextContent);
        var card = html.QuerySelector("a.nhsuk-card__link[href='/consultations/integrating-care']");
        Assert.NotNull(card);
        Assert.Contains("Closes 11:59pm on Friday 8 January 2021", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("38 days left", html.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterClose_ListsItAsRecentlyClosed()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2021, 1, 9, 9, 0, 0, TimeSpan.Zero));
        var html = await (await factory.CreatePortalClient().GetAsync("/")).ReadHtmlAsync();

        Assert.Contains("There are no open consultations at the moment.", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Recently closed", html.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("Closed 11:59pm on Friday 8 January 2021", html.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BeforeOpening_ListsItAsOpeningSoon()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var html = await (await factory.CreatePortalClient().GetAsync("/")).ReadHtmlAsync();

        Assert.Contains("Opening soon", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Opens midnight on Tuesday 24 November 2020", html.Body.TextContent, StringComparison.Ordinal);
    }
}
