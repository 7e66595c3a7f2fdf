using System.Net;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Content;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Umbraco;

/// <summary>/backoffice/umbraco: the last sync's outcome and the content change notices, with "acknowledge".</summary>
public sealed class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<Guid> SeedAsync(string message, DateTime? acknowledgedUtc = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var consultationId = await db.Consultations.Select(c => c.Id).FirstAsync();
        if (!await db.ContentSyncStatuses.AnyAsync())
        {
            db.ContentSyncStatuses.Add(new ContentSyncStatus
            {
                Source = ContentSyncStatus.UmbracoSource,
                LastAttemptUtc = new DateTime(2020, 12, 1, 9, 45, 0, DateTimeKind.Utc),
                LastOutcome = SyncOutcome.Failed,
                LastSuccessUtc = new DateTime(2020, 12, 1, 9, 30, 0, DateTimeKind.Utc),
                LastFailureUtc = new DateTime(2020, 12, 1, 9, 45, 0, DateTimeKind.Utc),
                LastProblem = "Umbraco could not be reached <script>alert(1)</script>",
                ConsultationCount = 1,
            });
        }

        var notice = new ContentChangeNotice
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            Kind = ContentChangeKind.QuestionOptionsChanged,
            QuestionKey = "q1",
            Message = message,
            CreatedUtc = new DateTime(2020, 12, 1, 9, 0, 0, DateTimeKind.Utc),
            AcknowledgedUtc = acknowledgedUtc,
        };
        db.ContentChangeNotices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    }

    [Fact]
    public async Task Get_FailedSyncAndANotice_BothShownEncoded()
    {
        var id = await SeedAsync("Question 1's options changed <img src=x onerror=alert(2)>");
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var html = await (await client.GetAsync(new Uri("/backoffice/umbraco", UriKind.Relative))).ReadHtmlAsync();

        Assert.Equal("Failed", html.QuerySelector("[data-field=outcome]")!.TextContent.Trim());
        Assert.Equal("Umbraco could not be reached <script>alert(1)</script>", html.QuerySelector("[data-field=problem]")!.TextContent);
        Assert.Contains(html.QuerySelectorAll(".nhsuk-warning-callout"), e => e.TextContent.Contains("did not fully succeed", StringComparison.Ordinal));
        var row = html.QuerySelector($"tr[data-notice='{id}']")!;
        Assert.Contains("Answer options changed", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Question 1's options changed <img src=x onerror=alert(2)>", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(EngagementPortal.TestCommon.InertHtml.Problems(html.QuerySelector("main")!.OuterHtml));
        Assert.NotNull(html.QuerySelector("[data-section=not-umbraco]"));
    }

    [Fact]
    public async Task PostAcknowledge_OpenNotice_LeavesTheListAndIsShownAsAcknowledged()
    {
        var id = await SeedAsync("Question 2 was removed in Umbraco");
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var html = await (await client.GetAsync(new Uri("/backoffice/umbraco", UriKind.Relative))).ReadHtmlAsync();

        var response = await client.SubmitAsync((IHtmlFormElement)html.QuerySelector($"tr[data-notice='{id}'] form")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await (await client.GetAsync(new Uri("/backoffice/umbraco", UriKind.Relative))).ReadHtmlAsync();
        Assert.Null(after.QuerySelector($"tr[data-notice='{id}']"));
        Assert.Equal("Notice acknowledged.", after.QuerySelector(".nhsuk-inset-text[role=status]")!.TextContent.Trim());
        Assert.Contains("acknowledged 1 December 2020 at 10am", after.QuerySelector("[data-section=acknowledged-notices]")!.TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.NotNull((await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ContentChangeNotices.SingleAsync(n => n.Id == id)).AcknowledgedUtc);
    }

    [Fact]
    public async Task PostAcknowledge_AlreadyAcknowledged_SaysSo()
    {
        var open = await SeedAsync("Still open");
        var done = await SeedAsync("Dealt with", acknowledgedUtc: new DateTime(2020, 12, 1, 9, 50, 0, DateTimeKind.Utc));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var html = await (await client.GetAsync(new Uri("/backoffice/umbraco", UriKind.Relative))).ReadHtmlAsync();
        var form = (IHtmlFormElement)html.QuerySelector($"tr[data-notice='{open}'] form")!;
        ((IHtmlInputElement)form.QuerySelector("input[name=id]")!).Value = done.ToString();

        await client.SubmitAsync(form);

        var after = await (await client.GetAsync(new Uri("/backoffice/umbraco", UriKind.Relative))).ReadHtmlAsync();
        Assert.Equal("Someone had already acknowledged that notice.", after.QuerySelector(".nhsuk-inset-text[role=status]")!.TextContent.Trim());
        Assert.NotNull(after.QuerySelector($"tr[data-notice='{open}']"));
    }

    [Fact]
    public async Task PostAcknowledge_UnknownNotice_NotFound()
    {
        await SeedAsync("Any");
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var html = await (await client.GetAsync(new Uri("/backoffice/umbraco", UriKind.Relative))).ReadHtmlAsync();
        var form = (IHtmlFormElement)html.QuerySelector("tr[data-notice] form")!;
        ((IHtmlInputElement)form.QuerySelector("input[name=id]")!).Value = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.NotFound, (await client.SubmitAsync(form)).StatusCode);
    }

    [Fact]
    public async Task PostAcknowledge_NoAntiforgeryToken_Refused()
    {
        var id = await SeedAsync("Any");
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var response = await client.PostAsync(new Uri("/backoffice/umbraco?handler=Acknowledge", UriKind.Relative), new FormUrlEncodedContent([new("id", id.ToString())]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
