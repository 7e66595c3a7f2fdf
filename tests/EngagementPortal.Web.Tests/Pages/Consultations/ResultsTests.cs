using System.Net;

namespace EngagementPortal.Web.Tests.Pages.Consultations;

public sealed class ResultsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Results_NothingPublished_NotFound()
    {
        var response = await factory.CreatePortalClient().GetAsync("/consultations/integrating-care/results");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Results_UnknownConsultation_NotFound()
    {
        var response = await factory.CreatePortalClient().GetAsync("/consultations/no-such-thing/results");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Layout_Footer_LinksToTheConfiguredSource()
    {
        var html = await (await factory.CreatePortalClient().GetAsync("/")).ReadHtmlAsync();

        var link = html.QuerySelectorAll("footer a").Single(a => a.TextContent == "Source code");
        Assert.Equal("https://example.org/engagement-portal/source", link.GetAttribute("href"));
    }
}
