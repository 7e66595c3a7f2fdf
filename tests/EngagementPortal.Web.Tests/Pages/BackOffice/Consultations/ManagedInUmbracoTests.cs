using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon.Umbraco;
using EngagementPortal.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Consultations;

/// <summary>"Edit this in Umbraco": a consultation whose source is Umbraco is read-only on the authoring pages, and
/// every POST that would change its text, dates, questions, documents or publication is refused with the message.</summary>
public sealed class ManagedInUmbracoTests : IAsyncLifetime
{
    private const string Message = "This consultation is managed in Umbraco. Edit it in Umbraco";
    private DeliveryApiFixtureServer _server = null!;
    private PortalFactory _factory = null!;
    private HttpClient _client = null!;
    private Guid _id;

    public async Task InitializeAsync()
    {
        _server = await DeliveryApiFixtureServer.StartAsync();
        _factory = UmbracoPortal.Factory(_server.BaseUrl, ("Content:Umbraco:BackOfficeUrl", "https://cms.example.nhs.uk/umbraco"));
        await UmbracoPortal.PostWebhookAsync(_factory.CreateClient(), "Umbraco.ContentPublish", DeliveryApiFixtureServer.Fixture("webhook-content-published.minimal.json"));
        await using var scope = _factory.Services.CreateAsyncScope();
        _id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.Where(c => c.Origin == ContentOrigin.Umbraco).Select(c => c.Id).SingleAsync();
        _client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("/edit")]
    [InlineData("/questions")]
    [InlineData("/documents")]
    public async Task Get_UmbracoConsultation_SaysSoAndLinksToItsDocumentInUmbraco(string page)
    {
        var html = await (await _client.GetAsync(new Uri($"/backoffice/consultations/{_id}{page}", UriKind.Relative))).ReadHtmlAsync();

        var banner = html.QuerySelector("[data-managed-in-umbraco]")!;
        Assert.Contains(Message, banner.TextContent, StringComparison.Ordinal);
        Assert.Equal($"https://cms.example.nhs.uk/umbraco/section/content/workspace/document/edit/{DeliveryApiFixtureServer.ConsultationId}", banner.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Post_CollateNow_WhatThePortalOwnsStaysOpenForUmbracoConsultations()
    {
        var url = $"/backoffice/consultations/{_id}/collation";

        var response = await _client.PostFormAsync(url, new(), url);

        Assert.NotEqual(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True((int)response.StatusCode is >= 200 and < 400, response.StatusCode.ToString());
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().CollationRuns.AnyAsync(r => r.ConsultationId == _id));
    }

    [Fact]
    public async Task Get_Edit_FieldsDisabledAndNoSaveButton()
    {
        var html = await (await _client.GetAsync(new Uri($"/backoffice/consultations/{_id}/edit", UriKind.Relative))).ReadHtmlAsync();

        Assert.NotNull(html.QuerySelector("form fieldset[disabled] input[name='Form.Title']"));
        Assert.DoesNotContain(html.QuerySelectorAll("button"), b => b.TextContent.Contains("Save draft", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_QuestionsDocumentsOverview_NoFormsThatChangeIt()
    {
        var questions = await (await _client.GetAsync(new Uri($"/backoffice/consultations/{_id}/questions", UriKind.Relative))).ReadHtmlAsync();
        var documents = await (await _client.GetAsync(new Uri($"/backoffice/consultations/{_id}/documents", UriKind.Relative))).ReadHtmlAsync();
        var overview = await (await _client.GetAsync(new Uri($"/backoffice/consultations/{_id}", UriKind.Relative))).ReadHtmlAsync();

        Assert.NotEmpty(questions.QuerySelectorAll(".portal-question-list li"));
        Assert.Empty(questions.QuerySelectorAll("main form[method=post]"));
        Assert.Empty(documents.QuerySelectorAll("main form[method=post]"));
        Assert.Empty(overview.QuerySelectorAll("main form[method=post]"));
    }

    [Theory]
    [InlineData("/edit", "")]
    [InlineData("/questions", "?handler=Save")]
    [InlineData("/questions", "?handler=Remove&key=q1")]
    [InlineData("/questions", "?handler=Up&key=q2")]
    [InlineData("/documents", "")]
    [InlineData("", "?handler=Publish")]
    [InlineData("", "?handler=Unpublish")]
    public async Task Post_AnyChange_RefusedWithTheMessageAndNothingChanged(string page, string handler)
    {
        var before = await VersionsAsync();
        var url = $"/backoffice/consultations/{_id}{page}";

        var response = await _client.PostFormAsync($"/backoffice/consultations/{_id}/edit", new()
        {
            ["Form.Title"] = "Changed in the portal",
            ["Form.Slug"] = DeliveryApiFixtureServer.ConsultationSlug,
            ["Text"] = "A new question",
            ["Type"] = "FreeText",
        }, url + handler);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal(Message, html.QuerySelector("[data-managed-in-umbraco]")!.TextContent.Trim());
        Assert.Equal(before, await VersionsAsync());
    }

    [Fact]
    public async Task Authoring_UmbracoConsultation_RefusedInCoreToo()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var authoring = scope.ServiceProvider.GetRequiredService<ConsultationAuthoring>();
        var actor = new Actor(Guid.NewGuid(), "officer@example.nhs.uk");
        var fields = ConsultationAuthoring.FieldsOf(ConsultationAuthoring.Current((await authoring.LoadAsync(_id))!), DeliveryApiFixtureServer.ConsultationSlug);

        Assert.Equal(AuthoringOutcome.ManagedInUmbraco, (await authoring.SaveDraftAsync(_id, fields with { Title = "Changed" }, actor)).Outcome);
        Assert.Equal(AuthoringOutcome.ManagedInUmbraco, (await authoring.RemoveQuestionAsync(_id, "q1", actor)).Outcome);
        Assert.Equal(AuthoringOutcome.ManagedInUmbraco, (await authoring.PublishAsync(_id, null, null, actor)).Outcome);
        Assert.Equal(AuthoringOutcome.ManagedInUmbraco, (await authoring.UnpublishAsync(_id, actor)).Outcome);
    }

    private async Task<string> VersionsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var versions = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ConsultationVersions.AsNoTracking()
            .Where(v => v.ConsultationId == _id).OrderBy(v => v.Number)
            .Select(v => new { v.Number, v.State, v.Title, v.ContentHash, v.UnpublishAtUtc }).ToListAsync();
        return string.Join("; ", versions);
    }
}
