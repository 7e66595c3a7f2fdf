using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.TestCommon.Umbraco;
using EngagementPortal.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Umbraco;

public sealed class PreviewTests : IAsyncLifetime
{
    private static readonly Guid ConsultationId = Guid.Parse(DeliveryApiFixtureServer.ConsultationId);
    private DeliveryApiFixtureServer _server = null!;
    private PortalFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await DeliveryApiFixtureServer.StartAsync();
        _factory = UmbracoPortal.Factory(_server.BaseUrl);
        // The page sits under the back office's Staff policy: an officer, really signed in.
        (_client, _) = await _factory.SignInAsAsync(PortalRoles.Officer);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Get_Draft_IsShownInTheConsultationPageWithoutBeingPublished()
    {
        _server.SetDraft(DeliveryApiFixtureServer.ConsultationVariant(ConsultationId, DeliveryApiFixtureServer.ConsultationSlug, item => item["properties"]!["title"] = "A draft not yet published"));

        var response = await _client.GetAsync($"/backoffice/umbraco/preview/{ConsultationId}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("A draft not yet published", page, StringComparison.Ordinal);
        Assert.Contains("preview of a draft in Umbraco", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Introduction</h2>", page, StringComparison.Ordinal);
        Assert.Equal("true", _server.Requests.Single().Preview);
        await using var db = _factory.CreateDbContext();
        Assert.Equal(0, await db.Consultations.CountAsync());
    }

    [Fact]
    public async Task Get_ContentSourceIsBuiltIn_IsNotFound()
    {
        await using var factory = UmbracoPortal.Factory(_server.BaseUrl, ("Content:Source", "BuiltIn"));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var response = await client.GetAsync($"/backoffice/umbraco/preview/{ConsultationId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Get_SignedInAsPartner_IsForbiddenAndUmbracoIsNotAsked()
    {
        var (client, _) = await _factory.SignInAsAsync(PortalRoles.Partner);

        var response = await client.GetAsync($"/backoffice/umbraco/preview/{ConsultationId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Get_Anonymous_IsSentToSignIn()
    {
        using var anonymous = _factory.CreatePortalClient();

        var response = await anonymous.GetAsync($"/backoffice/umbraco/preview/{ConsultationId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Get_UnknownItem_IsNotFoundWithAnExplanation()
    {
        var response = await _client.GetAsync($"/backoffice/umbraco/preview/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_WrongApiKey_SaysTheKeyIsNeeded()
    {
        await using var factory = UmbracoPortal.Factory(_server.BaseUrl, ("Content:Umbraco:ApiKey", "wrong"));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var response = await client.GetAsync($"/backoffice/umbraco/preview/{ConsultationId}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Content:Umbraco:ApiKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
