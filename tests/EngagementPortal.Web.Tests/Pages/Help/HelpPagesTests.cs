using System.Net;

namespace EngagementPortal.Web.Tests.Pages.Help;

public sealed class HelpPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/accessibility", "Accessibility statement")]
    [InlineData("/privacy", "Privacy notice")]
    [InlineData("/cookies", "Cookies")]
    [InlineData("/other-formats", "Ask for this in another format")]
    public async Task Get_IsServedAndLinkedFromEveryFooter(string path, string heading)
    {
        var client = factory.CreatePortalClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal(heading, html.QuerySelector("h1")!.TextContent);
        foreach (var page in new[] { "/", "/consultations/integrating-care", path })
        {
            var footer = (await (await client.GetAsync(page)).ReadHtmlAsync()).QuerySelector("footer");
            Assert.NotNull(footer!.QuerySelector($"a[href='{path}']"));
        }
    }

    [Fact]
    public async Task OtherFormats_GivesAContactRouteFromConfiguration()
    {
        var html = await (await factory.CreatePortalClient().GetAsync("/other-formats")).ReadHtmlAsync();
        Assert.NotNull(html.QuerySelector("a[href='mailto:engagement@example.nhs.uk']"));
        Assert.Contains("Easy Read", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("British Sign Language", html.Body.TextContent, StringComparison.Ordinal);
    }
}
