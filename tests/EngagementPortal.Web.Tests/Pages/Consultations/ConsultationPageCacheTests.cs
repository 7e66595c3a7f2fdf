using System.Net;
using AngleSharp.Html.Parser;
using EngagementPortal.TestCommon.Umbraco;
using EngagementPortal.Web.Tests.Webhooks;

namespace EngagementPortal.Web.Tests.Pages.Consultations;

/// <summary>The public consultation page served from the output cache (docs/adr/0035): kept while nothing it shows
/// changes, rendered afresh as soon as something does, and never kept for signed-in people or previews.</summary>
public sealed class ConsultationPageCacheTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Page = "/consultations/integrating-care";

    /// <summary>The output cache answers with an Age header; a rendered page has none.</summary>
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task SecondAnonymousVisit_IsServedFromTheCacheWithTheSameHtmlAndHeaders()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var client = factory.CreatePortalClient();

        var first = await client.GetAsync(Page);
        var second = await client.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(FromCache(second));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var csp = second.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(first.Headers.GetValues("Content-Security-Policy").Single(), csp);
        Assert.DoesNotContain("'nonce-", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", second.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task ClockCrossesTheClosingTime_PageSaysClosedAtOnce()
    {
        var client = factory.CreatePortalClient();
        factory.Time.SetUtcNow(new DateTimeOffset(2021, 1, 8, 23, 59, 58, TimeSpan.Zero));
        await client.GetAsync(Page);
        var open = await (await client.GetAsync(Page)).ReadHtmlAsync();
        Assert.NotNull(open.QuerySelector("a.nhsuk-button"));

        factory.Time.SetUtcNow(new DateTimeOffset(2021, 1, 9, 0, 0, 0, TimeSpan.Zero));
        var closed = await (await client.GetAsync(Page)).ReadHtmlAsync();

        Assert.Null(closed.QuerySelector("a.nhsuk-button"));
        Assert.Contains("This consultation closed at 11:59pm on Friday 8 January 2021", closed.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextDay_DaysLeftCountsDown()
    {
        var client = factory.CreatePortalClient();
        factory.Time.SetUtcNow(new DateTimeOffset(2021, 1, 5, 12, 0, 0, TimeSpan.Zero));
        await client.GetAsync(Page);
        Assert.Contains("3 days left", (await client.GetStringAsync(Page)), StringComparison.Ordinal);

        factory.Time.SetUtcNow(new DateTimeOffset(2021, 1, 6, 12, 0, 0, TimeSpan.Zero));

        Assert.Contains("2 days left", (await client.GetStringAsync(Page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInOfficer_IsNeverServedOrStoredFromTheCache()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var (officer, _) = await factory.SignInAsAsync(Core.Accounts.PortalRoles.Officer);

        await officer.GetAsync(Page);
        var again = await officer.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(FromCache(again));
    }

    [Fact]
    public async Task AnyQuery_IsRenderedEveryTime()
    {
        var client = factory.CreatePortalClient();

        await client.GetAsync(Page + "?utm_source=leaflet");
        var again = await client.GetAsync(Page + "?utm_source=leaflet");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(FromCache(again));
    }

    [Fact]
    public async Task UnknownConsultation_IsNotFoundEveryTime()
    {
        var client = factory.CreatePortalClient();

        await client.GetAsync("/consultations/no-such-thing");
        var again = await client.GetAsync("/consultations/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.False(FromCache(again));
    }

    [Fact]
    public async Task ConsultationRepublishedWithNewText_PageShowsTheNewTextAtOnce()
    {
        await using var server = await DeliveryApiFixtureServer.StartAsync();
        await using var portal = UmbracoPortal.Factory(server.BaseUrl);
        var client = portal.CreateClient();
        var id = Guid.Parse(DeliveryApiFixtureServer.ConsultationId);
        const string Slug = DeliveryApiFixtureServer.ConsultationSlug;
        server.Publish(DeliveryApiFixtureServer.ConsultationVariant(id, Slug, item => item["properties"]!["body"]!["markup"] = "<p>First wording</p>"));
        await UmbracoPortal.PostWebhookAsync(client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));
        await client.GetAsync($"/consultations/{Slug}");
        Assert.True(FromCache(await client.GetAsync($"/consultations/{Slug}")));

        server.Publish(DeliveryApiFixtureServer.ConsultationVariant(id, Slug, item => item["properties"]!["body"]!["markup"] = "<p>Second wording</p>"));
        await UmbracoPortal.PostWebhookAsync(client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/consultations/{Slug}"));

        Assert.Equal("Second wording", page.QuerySelector(".portal-body p")!.TextContent);
    }
}
