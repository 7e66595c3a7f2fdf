using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Tests.Pages.BackOffice.Responses;
using EngagementPortal.Web.Tests.Pages.Consultations.Respond;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.DataRequests;

/// <summary>Officers see respondents' UK GDPR requests and handle them: a copy (download or email), erasure, or declining.</summary>
public sealed class DataRequestsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(Response Response, Guid RequestId)> RequestAsync(DataRequestKind kind, string email = "pat@example.com")
    {
        var response = await ResponsePages.AddAsync(factory, r => r.Email = "pat@example.com", ("ft", null, "My <i>words</i>"));
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Core.Responses.DataRequests>().RecordAsync(kind, response.Reference, email);
        var id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().DataRequests.Where(d => d.Reference == response.Reference).Select(d => d.Id).SingleAsync();
        return (response, id);
    }

    private static string Url(Guid id) => $"/backoffice/data-requests/{id}";

    private Task<DataRequestState> StateAsync(Guid id) => Db.QueryAsync(factory, db => db.DataRequests.Where(d => d.Id == id).Select(d => d.State).SingleAsync());

    [Fact]
    public async Task Index_ListsOpenRequests_AndOthersByState()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Copy);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var open = await (await client.GetAsync("/backoffice/data-requests")).ReadHtmlAsync();
        var completed = await (await client.GetAsync("/backoffice/data-requests?state=Completed")).ReadHtmlAsync();

        Assert.NotNull(open.QuerySelector($"a[href='{Url(id)}']"));
        Assert.Contains(response.Reference, open.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Null(completed.QuerySelector($"a[href='{Url(id)}']"));
    }

    [Fact]
    public async Task DownloadCopy_IsTheResponseAsText_AndCompletesTheRequest()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Copy);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var page = await (await client.GetAsync(Url(id))).ReadHtmlAsync();

        var download = await client.GetAsync(page.QuerySelector("a[download]")!.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"response-{response.Reference}.txt", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Contains("My <i>words</i>", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DataRequestState.Completed, await StateAsync(id));
    }

    [Fact]
    public async Task EmailCopy_QueuesItInTheOutbox_AndCompletes()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Copy);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var post = await client.PostAsync(Url(id), [], action: Url(id) + "?handler=Email");

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var message = await Db.QueryAsync(factory, db => db.OutboxMessages.SingleAsync(m => m.CorrelationId == response.Reference));
        Assert.Equal("pat@example.com", message.To);
        Assert.Equal(DataRequestState.Completed, await StateAsync(id));
    }

    [Fact]
    public async Task Erase_WithoutConfirming_AsksForIt_ThenErases()
    {
        var (response, id) = await RequestAsync(DataRequestKind.Deletion);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var unconfirmed = await client.PostAsync(Url(id), [], action: Url(id) + "?handler=Erase");
        var confirmed = await client.PostAsync(Url(id), [("ConfirmErase", "true")], action: Url(id) + "?handler=Erase");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Equal(["Confirm that you have checked this is the requester's response"], await ResponsePages.ErrorSummaryAsync(unconfirmed));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var stored = await Db.QueryAsync(factory, db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.Id == response.Id));
        Assert.Empty(stored.Answers);
        Assert.Null(stored.Email);
        Assert.Equal(ModerationState.Withdrawn, stored.ModerationState);
        Assert.Equal(DataRequestState.Completed, await StateAsync(id));
    }

    [Fact]
    public async Task Unmatched_OffersOnlyDeclining_WhichNeedsAReason()
    {
        var (_, id) = await RequestAsync(DataRequestKind.Deletion, email: "not.the.respondent@example.com");
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var page = await (await client.GetAsync(Url(id))).ReadHtmlAsync();
        var empty = await client.PostAsync(Url(id), [("Reason", " ")], action: Url(id) + "?handler=Decline");
        var declined = await client.PostAsync(Url(id), [("Reason", "The email does not match the response")], action: Url(id) + "?handler=Decline");

        Assert.Null(page.QuerySelector("a[download]"));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(["Enter why the request is declined, for the record"], await ResponsePages.ErrorSummaryAsync(empty));
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(DataRequestState.Declined, await StateAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(id) + "?handler=copy")).StatusCode);
    }

    [Fact]
    public async Task Get_UnknownRequest_IsNotFound()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(Guid.NewGuid()))).StatusCode);
    }
}
