using System.Text.Json;
using EngagementPortal.Core.Content.Umbraco;
using EngagementPortal.TestCommon.Umbraco;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Content.Umbraco;

/// <summary>Contract tests: the client against a local server that answers as the Delivery API v2 does (../shared/umbraco-delivery).</summary>
public sealed class UmbracoDeliveryClientTests : IAsyncLifetime
{
    private static readonly Guid ConsultationId = Guid.Parse(DeliveryApiFixtureServer.ConsultationId);
    private DeliveryApiFixtureServer _server = null!;

    public async Task InitializeAsync() => _server = await DeliveryApiFixtureServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    internal static UmbracoDeliveryClient Client(Uri baseUrl, Action<UmbracoDeliveryOptions>? change = null)
    {
        var options = new UmbracoDeliveryOptions
        {
            BaseUrl = baseUrl.ToString(),
            ApiKey = DeliveryApiFixtureServer.ApiKey,
            StartItem = DeliveryApiFixtureServer.StartItemPath,
            WebhookSecret = "a-webhook-secret-of-some-length",
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        change?.Invoke(options);
        return new UmbracoDeliveryClient(new HttpClient(UmbracoDeliveryClient.CreateHandler()), Options.Create(options));
    }

    [Fact]
    public async Task GetItem_KnownId_ReturnsTheItemAsServed()
    {
        var result = await Client(_server.BaseUrl).GetItemAsync(ConsultationId);

        Assert.Equal(DeliveryStatus.Ok, result.Status);
        using var expected = JsonDocument.Parse(DeliveryApiFixtureServer.Fixture("content-item-consultation.json"));
        Assert.Equal(expected.RootElement.GetRawText(), result.Value.GetRawText());
    }

    [Fact]
    public async Task GetItem_Always_SendsApiKeyAndStartItemButNoPreview()
    {
        await Client(_server.BaseUrl).GetItemAsync(ConsultationId);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/umbraco/delivery/api/v2/content/item/" + DeliveryApiFixtureServer.ConsultationId, request.PathAndQuery);
        Assert.Equal(DeliveryApiFixtureServer.ApiKey, request.ApiKey);
        Assert.Equal(DeliveryApiFixtureServer.StartItemPath, request.StartItem);
        Assert.Null(request.Preview);
    }

    [Fact]
    public async Task GetItem_Preview_SendsPreviewTrueAndReturnsTheDraft()
    {
        _server.SetDraft(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, "draft-slug"));

        var result = await Client(_server.BaseUrl).GetItemAsync(ConsultationId, preview: true);

        Assert.Equal("Consultation draft-slug", result.Value.GetProperty("properties").GetProperty("title").GetString());
        Assert.Equal("true", Assert.Single(_server.Requests).Preview);
    }

    [Fact]
    public async Task GetItemByPath_KnownPath_ReturnsTheItem()
    {
        var result = await Client(_server.BaseUrl).GetItemByPathAsync($"/consultations/{DeliveryApiFixtureServer.ConsultationSlug}/");

        Assert.Equal(DeliveryStatus.Ok, result.Status);
        Assert.Equal(DeliveryApiFixtureServer.ConsultationId, result.Value.GetProperty("id").GetString());
        Assert.Equal($"/umbraco/delivery/api/v2/content/item/consultations/{DeliveryApiFixtureServer.ConsultationSlug}/", Assert.Single(_server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task GetItemByPath_Moved_Follows301ByPathWithTheLocationStartItem()
    {
        _server.AddRedirect("/consultations/old-name/", $"/consultations/{DeliveryApiFixtureServer.ConsultationSlug}/");

        // Configured by key: the re-request must use the start item Umbraco names in Location-Start-Item-Path.
        var result = await Client(_server.BaseUrl, o => o.StartItem = DeliveryApiFixtureServer.StartItemId).GetItemByPathAsync("/consultations/old-name/");

        Assert.Equal(DeliveryStatus.Ok, result.Status);
        Assert.Equal(DeliveryApiFixtureServer.ConsultationId, result.Value.GetProperty("id").GetString());
        var requests = _server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(DeliveryApiFixtureServer.StartItemId, requests[0].StartItem);
        Assert.Equal($"/umbraco/delivery/api/v2/content/item/consultations/{DeliveryApiFixtureServer.ConsultationSlug}/", requests[1].PathAndQuery);
        Assert.Equal(DeliveryApiFixtureServer.StartItemPath, requests[1].StartItem);
    }

    [Fact]
    public async Task GetItem_WrongApiKey_IsUnauthorized()
    {
        var result = await Client(_server.BaseUrl, o => o.ApiKey = "wrong").GetItemAsync(ConsultationId);

        Assert.Equal(DeliveryStatus.Unauthorized, result.Status);
        Assert.Contains("ApiKey", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItem_PreviewWithoutApiKey_IsUnauthorized()
    {
        var result = await Client(_server.BaseUrl, o => o.ApiKey = null).GetItemAsync(ConsultationId, preview: true);

        Assert.Equal(DeliveryStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task GetItem_UnknownId_IsNotFound()
    {
        var result = await Client(_server.BaseUrl).GetItemAsync(Guid.Parse("00000000-0000-0000-0000-000000000001"));

        Assert.Equal(DeliveryStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task GetItem_UnknownStartItem_IsStartItemNotFoundNotAMissingItem()
    {
        var result = await Client(_server.BaseUrl, o => o.StartItem = "no-such-root").GetItemAsync(ConsultationId);

        Assert.Equal(DeliveryStatus.StartItemNotFound, result.Status);
        Assert.Contains("StartItem", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryConsultations_FixtureFiles_ReadsTotalAndItemsOfBothPages()
    {
        _server.ServeQueryFixtureFiles = true;
        var client = Client(_server.BaseUrl);

        var first = await client.QueryConsultationsAsync(0, 10);
        var second = await client.QueryConsultationsAsync(10, 10);

        Assert.Equal(1, first.Value!.Total);
        Assert.Equal(DeliveryApiFixtureServer.ConsultationId, Assert.Single(first.Value.Items).GetProperty("id").GetString());
        Assert.Equal(1, second.Value!.Total);
        Assert.Empty(second.Value.Items);
    }

    [Fact]
    public async Task QueryConsultations_Always_FiltersByContentTypeWithSkipAndTake()
    {
        await Client(_server.BaseUrl).QueryConsultationsAsync(20, 5);

        Assert.Equal("/umbraco/delivery/api/v2/content?filter=contentType%3Aconsultation&skip=20&take=5", Assert.Single(_server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Query_UnknownFilter_IsBadRequestWithUmbracosReason()
    {
        var result = await Client(_server.BaseUrl).QueryAsync("nosuchfilter:x", 0, 10);

        Assert.Equal(DeliveryStatus.BadRequest, result.Status);
        Assert.Contains("Filter option not found", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItem_NothingListening_IsUnreachable()
    {
        var result = await Client(DeliveryApiFixtureServer.ClosedPort()).GetItemAsync(ConsultationId);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Contains("could not be reached", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryConsultations_NothingListening_IsUnreachable()
    {
        var result = await Client(DeliveryApiFixtureServer.ClosedPort()).QueryConsultationsAsync(0, 10);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
    }
}
