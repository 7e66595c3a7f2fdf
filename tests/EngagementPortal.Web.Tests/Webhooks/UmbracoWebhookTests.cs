using System.Net;
using EngagementPortal.Core.Content;
using EngagementPortal.TestCommon.Umbraco;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Tests.Webhooks;

public sealed class UmbracoWebhookTests : IAsyncLifetime
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
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("webhook-content-published.legacy.json")]
    [InlineData("webhook-content-published.minimal.json")]
    [InlineData("webhook-content-published.extended.json")]
    public async Task Publish_EachPayloadType_ReadsTheItemFromTheDeliveryApiAndImportsIt(string payload)
    {
        // What Umbraco serves now differs from the Legacy body's snapshot: the portal must show what the API says.
        _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, Slug, item => item["properties"]!["title"] = "Read from the Delivery API"));

        var response = await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_server.Requests, r => r.PathAndQuery == "/umbraco/delivery/api/v2/content/item/" + DeliveryApiFixtureServer.ConsultationId);
        var page = await _client.GetStringAsync($"/consultations/{Slug}");
        Assert.Contains("Read from the Delivery API", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_Umbraco13PascalCaseBodyAndDocsEventName_IsRead()
    {
        var response = await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublished", $$"""{"Id":"{{DeliveryApiFixtureServer.ConsultationId}}","ContentType":"consultation"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/consultations/{Slug}")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    [InlineData(UmbracoPortal.Secret + "x")]
    public async Task Publish_MissingOrWrongSecret_IsRefusedAndNothingIsRead(string? secret)
    {
        var response = await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_server.Requests);
        await using var db = _factory.CreateDbContext();
        Assert.Equal(0, await db.Consultations.CountAsync());
    }

    [Fact]
    public async Task Unpublish_ClosesTheConsultationToNewResponsesAndKeepsIt()
    {
        await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));
        _factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero)); // open: 26 November to 8 January
        Assert.Contains($"/consultations/{Slug}/respond", await _client.GetStringAsync($"/consultations/{Slug}"), StringComparison.Ordinal);

        var response = await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentUnpublish", DeliveryApiFixtureServer.Fixture("webhook-content-unpublished.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await _client.GetStringAsync($"/consultations/{Slug}");
        Assert.Contains("Withdrawn", page, StringComparison.Ordinal);
        Assert.Contains("no longer taking responses", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/consultations/{Slug}/respond", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Slug, await _client.GetStringAsync("/"), StringComparison.Ordinal);
        await using var db = _factory.CreateDbContext();
        var consultation = await db.Consultations.Include(c => c.Versions).SingleAsync();
        Assert.NotNull(consultation.UnpublishedUtc);
        Assert.Single(consultation.Versions);
        Assert.Equal(ContentChangeKind.Unpublished, (await db.ContentChangeNotices.SingleAsync()).Kind);
    }

    [Theory]
    [InlineData("Umbraco.ContentDelete")]
    [InlineData("")]
    public async Task OtherEvent_IsABadRequest(string webhookEvent)
    {
        var response = await UmbracoPortal.PostWebhookAsync(_client, webhookEvent, DeliveryApiFixtureServer.Fixture("webhook-content-unpublished.json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"id":"not-a-guid"}""")]
    public async Task Publish_BodyWithoutAnId_IsABadRequest(string body)
    {
        var response = await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Publish_NoAntiforgeryToken_IsStillAccepted()
    {
        var response = await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.extended.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie");
    }

    [Fact]
    public async Task Publish_UnpublishedThenPublishedAgain_TakesResponsesAgain()
    {
        _factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));
        await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentUnpublish", DeliveryApiFixtureServer.Fixture("webhook-content-unpublished.json"));

        await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));

        Assert.Contains($"/consultations/{Slug}/respond", await _client.GetStringAsync($"/consultations/{Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_DeliveryApiUnreachable_Is503SoUmbracoRetries()
    {
        await using var factory = UmbracoPortal.Factory(DeliveryApiFixtureServer.ClosedPort());
        using var client = factory.CreateClient();

        var response = await UmbracoPortal.PostWebhookAsync(client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await using var db = factory.CreateDbContext();
        var status = await db.ContentSyncStatuses.SingleAsync();
        Assert.Equal(SyncOutcome.Failed, status.LastOutcome);
    }

    [Fact]
    public async Task Publish_ItemUnreadable_Is422()
    {
        _server.Publish(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, Slug, item => item["properties"]!.AsObject().Remove("closesAt")));

        var response = await UmbracoPortal.PostWebhookAsync(_client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("closesAt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_SourceIsBuiltIn_IsNotFound()
    {
        await using var factory = new PortalFactory();
        using var client = factory.CreateClient();

        var response = await UmbracoPortal.PostWebhookAsync(client, "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_MoreCallsThanTheLimit_AreRefusedWith429()
    {
        await using var factory = UmbracoPortal.Factory(_server.BaseUrl, ("RateLimits:UmbracoWebhook:PermitLimit", "2"), ("RateLimits:UmbracoWebhook:WindowSeconds", "3600"));
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await UmbracoPortal.PostWebhookAsync(client, "Umbraco.ContentPublish", "{}", "wrong")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Startup_UmbracoSourceWithJobsEnabled_SyncsAtStart()
    {
        await using var factory = UmbracoPortal.Factory(_server.BaseUrl, ("Jobs:Enabled", "true"));
        using var client = factory.CreateClient();

        var waited = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync($"/consultations/{Slug}")).StatusCode;
            if (status == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(_server.Requests, r => r.PathAndQuery.StartsWith("/umbraco/delivery/api/v2/content?filter=contentType%3Aconsultation", StringComparison.Ordinal));
    }
}
