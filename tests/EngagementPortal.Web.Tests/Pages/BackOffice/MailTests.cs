using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice;

public sealed class MailTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public MailTests(PortalFactory factory) => _factory = factory;

    private async Task<Guid> EnqueueAsync(string subject, OutboxState state, string? error = null)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var message = scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue("response-receipt", "resident@example.org", subject, "Text", "<p>Html</p>", "ICS-7Q4K").Message!;
        message.State = state;
        message.LastError = error;
        message.Attempts = state == OutboxState.DeadLettered ? 8 : 1;
        await db.SaveChangesAsync();
        return message.Id;
    }

    [Fact]
    public async Task Get_Messages_ListedWithStateAndDeadLettersOfferRetry()
    {
        var sent = await EnqueueAsync("Your response: ICS-SENT", OutboxState.Sent);
        var dead = await EnqueueAsync("Your response: ICS-DEAD", OutboxState.DeadLettered, "SMTP: 550 mailbox unavailable");
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;

        var html = await (await client.GetAsync(new Uri("/backoffice/mail", UriKind.Relative))).ReadHtmlAsync();

        var sentRow = html.QuerySelector($"tr[data-message='{sent}']")!;
        var deadRow = html.QuerySelector($"tr[data-message='{dead}']")!;
        Assert.Contains("Sent", sentRow.QuerySelector("[data-cell=state]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(sentRow.QuerySelector("form"));
        Assert.Contains("Dead letter", deadRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("550 mailbox unavailable", deadRow.TextContent, StringComparison.Ordinal);
        Assert.NotNull(deadRow.QuerySelector("form button"));
        Assert.Contains("resident@example.org", deadRow.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FilteredToDeadLetters_OnlyThoseShown()
    {
        var sent = await EnqueueAsync("Your response: ICS-FLT1", OutboxState.Sent);
        var dead = await EnqueueAsync("Your response: ICS-FLT2", OutboxState.DeadLettered, "gave up");
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;

        var html = await (await client.GetAsync(new Uri("/backoffice/mail?state=DeadLettered", UriKind.Relative))).ReadHtmlAsync();

        Assert.NotNull(html.QuerySelector($"tr[data-message='{dead}']"));
        Assert.Null(html.QuerySelector($"tr[data-message='{sent}']"));
    }

    [Fact]
    public async Task PostRetry_DeadLetter_QueuedAgainAndRedirected()
    {
        var dead = await EnqueueAsync("Your response: ICS-RTRY", OutboxState.DeadLettered, "gave up");
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;
        var html = await (await client.GetAsync(new Uri("/backoffice/mail", UriKind.Relative))).ReadHtmlAsync();
        var form = (IHtmlFormElement)html.QuerySelector($"tr[data-message='{dead}'] form")!;

        var response = await client.SubmitAsync(form);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == dead);
        Assert.Equal((OutboxState.Pending, 0), (row.State, row.Attempts));
        var after = await (await client.GetAsync(response.Headers.Location)).ReadHtmlAsync();
        Assert.Contains("will be sent again", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRetry_WithoutAntiforgeryToken_Refused()
    {
        var dead = await EnqueueAsync("Your response: ICS-CSRF", OutboxState.DeadLettered, "gave up");
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;

        var response = await client.PostAsync(new Uri("/backoffice/mail?handler=Retry", UriKind.Relative), new FormUrlEncodedContent([new("id", dead.ToString())]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_XssInSubjectAndError_RenderedInert()
    {
        var vectors = Repository.XssVectors.Take(SentMail.PageSize / 2).ToList();
        foreach (var vector in vectors)
        {
            await EnqueueAsync(vector, OutboxState.DeadLettered, vector);
        }

        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;
        var html = await (await client.GetAsync(new Uri("/backoffice/mail?state=DeadLettered", UriKind.Relative))).ReadHtmlAsync();

        var main = html.QuerySelector("main")!;
        Assert.Empty(InertHtml.Problems(main.InnerHtml));
        Assert.Contains(vectors[0], main.TextContent, StringComparison.Ordinal);
    }
}
