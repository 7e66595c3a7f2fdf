using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Tests.Pages.Consultations.Respond;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Responses;

/// <summary>A response's page: every answer, moderation with a reason, redaction, and their history.</summary>
public sealed class DetailsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url(Response response) => $"{ResponsePages.ListUrl(response.ConsultationId)}/{response.Id}";

    [Fact]
    public async Task Get_ShowsEveryAnswerAndTheRespondent()
    {
        var response = await ResponsePages.AddAsync(factory, r => { r.Email = "pat@example.com"; r.PostcodeDistrict = "HU17"; }, ("ft", null, "Line one\nLine two"), ("ad", "Agree", null), ("ad-explain", null, "Joined up care"), ("sc", "Other", "Walk-in centre"));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var html = await (await client.GetAsync(Url(response))).ReadHtmlAsync();

        var main = html.QuerySelector("main")!.TextContent;
        Assert.Equal("Response " + response.Reference, html.QuerySelector("h1")!.TextContent);
        foreach (var expected in new[] { "Line one\nLine two", "Agree", "Joined up care", "Walk-in centre", "pat@example.com", "HU17", "Not answered" })
        {
            Assert.Contains(expected, main, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostModeration_WithAReason_SavesIt_AndTheHistoryShowsIt()
    {
        var response = await ResponsePages.AddAsync(factory);
        var (client, account) = await factory.SignInAsAsync(PortalRoles.Officer);

        var post = await client.PostAsync(Url(response), [("State", "Campaign"), ("Reason", "Same text as the 38 Degrees campaign")]);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var html = await (await client.GetAsync(post.Headers.Location!.OriginalString)).ReadHtmlAsync();
        Assert.Equal("Moderation saved.", html.QuerySelector("[role=status]")!.TextContent.Trim());
        var history = html.QuerySelector("table tbody")!.TextContent;
        Assert.Contains(account.Email, history, StringComparison.Ordinal);
        Assert.Contains("None → Campaign: Same text as the 38 Degrees campaign", history, StringComparison.Ordinal);
        var stored = await Db.QueryAsync(factory, db => db.Responses.SingleAsync(r => r.Id == response.Id));
        Assert.Equal(ModerationState.Campaign, stored.ModerationState);
    }

    [Fact]
    public async Task PostModeration_WithoutStateOrReason_ShowsBothErrors_AndChangesNothing()
    {
        var response = await ResponsePages.AddAsync(factory);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var post = await client.PostAsync(Url(response), [("State", "NotAState"), ("Reason", "")]);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(["Select a moderation state", "Enter the reason, for the record"], await ResponsePages.ErrorSummaryAsync(post));
        Assert.Equal(0, await Db.QueryAsync(factory, db => db.AuditEntries.CountAsync(e => e.Subject == ResponseList.SubjectOf(response.Reference))));
    }

    [Fact]
    public async Task Get_UnknownResponse_IsNotFound()
    {
        var response = await ResponsePages.AddAsync(factory);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ResponsePages.ListUrl(response.ConsultationId)}/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Redact_ValidItems_PublishesTheRedactedText_KeepsTheOriginalForStaff_AndClearRestoresIt()
    {
        var response = await ResponsePages.AddAsync(factory, null, ("ft", null, "I am Jane Smith of 4 Hull Road"));
        var answerId = await Db.QueryAsync(factory, db => db.ResponseAnswers.Where(a => a.ResponseId == response.Id).Select(a => a.Id).SingleAsync());
        var redactUrl = $"{Url(response)}/answers/{answerId}/redact";
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var post = await client.PostAsync(redactUrl, [("Items", "Jane Smith\r\n4 Hull Road")]);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var details = (await (await client.GetAsync(Url(response))).ReadHtmlAsync()).QuerySelector("main")!.TextContent;
        Assert.Contains("I am Jane Smith of 4 Hull Road", details, StringComparison.Ordinal);
        Assert.Contains("I am [redacted] of [redacted]", details, StringComparison.Ordinal);
        Assert.Equal(1, await Db.QueryAsync(factory, db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ResponseRedacted && e.Subject == ResponseList.SubjectOf(response.Reference))));

        var clear = await client.PostAsync(redactUrl, [], action: redactUrl + "?handler=Clear");
        Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
        Assert.Null(await Db.QueryAsync(factory, db => db.ResponseAnswers.Where(a => a.Id == answerId).Select(a => a.RedactedText).SingleAsync()));
    }

    [Fact]
    public async Task Redact_TextNotInTheAnswer_ShowsTheErrorAndKeepsWhatWasTyped()
    {
        var response = await ResponsePages.AddAsync(factory, null, ("ft", null, "I am Jane Smith"));
        var answerId = await Db.QueryAsync(factory, db => db.ResponseAnswers.Where(a => a.ResponseId == response.Id).Select(a => a.Id).SingleAsync());
        var redactUrl = $"{Url(response)}/answers/{answerId}/redact";
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var post = await client.PostAsync(redactUrl, [("Items", "John Smith")]);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var html = await post.ReadHtmlAsync();
        Assert.Equal("\"John Smith\" is not in the answer: copy it exactly, one item a line", html.QuerySelector(".nhsuk-error-summary__list a")!.TextContent);
        Assert.Equal("John Smith", html.QuerySelector("#items")!.TextContent);
        Assert.Null(await Db.QueryAsync(factory, db => db.ResponseAnswers.Where(a => a.Id == answerId).Select(a => a.RedactedText).SingleAsync()));
    }
}
