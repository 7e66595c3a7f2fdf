using AngleSharp.Html.Parser;
using EngagementPortal.TestCommon;
using EngagementPortal.TestCommon.Umbraco;
using EngagementPortal.Web.Tests.Webhooks;

namespace EngagementPortal.Web.Tests.Pages.Consultations;

/// <summary>The public page of a consultation whose body is Umbraco rich text (HTML): shown only through the allow-list.</summary>
public sealed class DetailUmbracoTests : IAsyncLifetime
{
    private static readonly Guid ConsultationId = Guid.Parse(DeliveryApiFixtureServer.ConsultationId);
    private const string Slug = DeliveryApiFixtureServer.ConsultationSlug;
    private DeliveryApiFixtureServer _server = null!;
    private PortalFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await DeliveryApiFixtureServer.StartAsync();
        _factory = UmbracoPortal.Factory(_server.BaseUrl);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<AngleSharp.Dom.IElement> BodyAsync()
    {
        await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));
        var page = await _client.GetStringAsync($"/consultations/{Slug}");
        return new HtmlParser().ParseDocument(page).QuerySelector(".portal-body")!;
    }

    [Fact]
    public async Task Get_UmbracoRichText_IsRenderedAsMarkupNotEncodedText()
    {
        var body = await BodyAsync();

        Assert.Equal(["Introduction", "Purpose", "Legislative proposals"], body.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Equal("Have your say", body.QuerySelector("div.nhsuk-inset-text h3")!.TextContent);
        Assert.DoesNotContain("&lt;h2&gt;", body.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EveryXssVectorInTheRichText_RendersInert()
    {
        var markup = "<p>Start</p>" + string.Concat(Repository.XssVectors.Select(v => "<p>" + v + "</p>")) + "<p>End</p>";
        _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, Slug, item => item["properties"]!["body"]!["markup"] = markup));

        var body = await BodyAsync();

        Assert.Empty(InertHtml.Problems(body.OuterHtml));
        Assert.Equal("Start", body.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public async Task Get_EveryXssVectorInTheRichText_LeavesTheWholePageFreeOfInjectedScript()
    {
        _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, Slug, item =>
            item["properties"]!["body"]!["markup"] = string.Concat(Repository.XssVectors)));
        await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));

        var page = new HtmlParser().ParseDocument(await _client.GetStringAsync($"/consultations/{Slug}"));

        // Only the layout's own two scripts, each allowed by its hash; no other script element may appear.
        var scripts = page.QuerySelectorAll("script:not([src])");
        Assert.Equal(2, scripts.Length);
        Assert.Empty(page.QuerySelectorAll("script[src]"));
        Assert.All(scripts, s => Assert.Contains(
            $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s.TextContent)))}'",
            EngagementPortal.Web.Infrastructure.SecurityHeaders.PublicLayoutScriptHashes));
        Assert.Empty(InertHtml.Problems(page.QuerySelector(".portal-body")!.OuterHtml));
    }
}
