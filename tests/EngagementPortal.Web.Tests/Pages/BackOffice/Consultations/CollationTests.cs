using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Consultations;

/// <summary>The collation page: "collate now" with a progress bar that works without script, the runs, the latest
/// snapshot's headline figures and the plan to the deadline. Jobs are off here, so a queued run waits for a job node.</summary>
public sealed class CollationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<Guid> IntegratingCareAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
    }

    private async Task ClearRunsAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().CollationRuns.Where(r => r.ConsultationId == id).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task Get_NoRunsYet_CollateNowAndThePlanWorkedBackFromTheDeadline()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await IntegratingCareAsync();
        await ClearRunsAsync(id);

        var html = await (await client.GetAsync(new Uri($"/backoffice/consultations/{id}/collation", UriKind.Relative))).ReadHtmlAsync();

        Assert.NotNull(html.QuerySelector("form#collate-now button"));
        Assert.Contains("No collation has finished yet.", html.Body!.TextContent, StringComparison.Ordinal);
        var steps = html.QuerySelectorAll("#plan tr[data-step]").Select(r => r.GetAttribute("data-step")).ToList();
        Assert.Equal(["Final collation", "Analysis freeze", "Drafting window", "Sign-off", "Submission"], steps);
        var submission = html.QuerySelector("#plan tr[data-step='Submission']")!.TextContent;
        Assert.Contains("Friday 8 January 2021", submission, StringComparison.Ordinal);
        Assert.Contains("To come", submission, StringComparison.Ordinal);
        Assert.Contains("Monday 4 January 2021", html.QuerySelector("#plan tr[data-step='Analysis freeze']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCollateNow_QueuesOneRun_ProgressShownWithARefreshLinkAndAsJson()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await IntegratingCareAsync();
        await ClearRunsAsync(id);
        var page = await (await client.GetAsync(new Uri($"/backoffice/consultations/{id}/collation", UriKind.Relative))).ReadHtmlAsync();
        var form = (IHtmlFormElement)page.QuerySelector("form#collate-now")!;

        var posted = await client.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var html = await (await client.GetAsync(posted.Headers.Location)).ReadHtmlAsync();
        // The back-office layout has a status region of its own (the idle-timeout warning): find this page's by its words.
        Assert.Contains(html.QuerySelectorAll("[role=status]"), e => e.TextContent.Contains("Collation has been queued", StringComparison.Ordinal));
        var box = html.QuerySelector("#collation-progress")!;
        Assert.Equal("Queued", box.GetAttribute("data-status"));
        Assert.Equal("0", html.QuerySelector("progress#collation-progress-bar")!.GetAttribute("value"));
        Assert.NotNull(html.QuerySelector($"#collation-progress a[href='/backoffice/consultations/{id}/collation']"));
        Assert.Null(html.QuerySelector("form#collate-now button"));
        Assert.False(string.IsNullOrEmpty(html.QuerySelector("script[nonce]:not([src])")?.GetAttribute("nonce")));
        Assert.Contains("switched off on this server", box.TextContent, StringComparison.Ordinal);

        var runId = box.GetAttribute("data-run");
        var json = await client.GetStringAsync(new Uri($"/backoffice/consultations/{id}/collation?handler=Progress&run={runId}", UriKind.Relative));
        using var progress = JsonDocument.Parse(json);
        Assert.Equal("Queued", progress.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, progress.RootElement.GetProperty("percent").GetInt32());

        // A second press while one is queued adds nothing.
        await client.SubmitAsync(form);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().CollationRuns.CountAsync(r => r.ConsultationId == id));
    }

    [Fact]
    public async Task Get_AfterACollation_HeadlineFiguresOfTheLatestSnapshotAndTheRun()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await IntegratingCareAsync();
        await ClearRunsAsync(id);
        CollationSnapshot snapshot;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<DemoResponses>().SeedAsync("integrating-care", 120, 5, CancellationToken.None)).Succeeded);
            var result = await scope.ServiceProvider.GetRequiredService<CollationRunner>().RunAsync(id, CollationTrigger.OnDemand);
            snapshot = result.Snapshot!;
        }

        var html = await (await client.GetAsync(new Uri($"/backoffice/consultations/{id}/collation", UriKind.Relative))).ReadHtmlAsync();

        Assert.Equal(snapshot.Content.Responses.Overall.ToString(System.Globalization.CultureInfo.InvariantCulture), html.QuerySelector("[data-figure=overall]")!.TextContent.Trim());
        Assert.Equal(snapshot.Content.Responses.PartnerSubmission.ToString(System.Globalization.CultureInfo.InvariantCulture), html.QuerySelector("[data-figure=partner]")!.TextContent.Trim());
        Assert.Equal(4, html.QuerySelectorAll("tr[data-question]").Length);
        var run = Assert.Single(html.QuerySelectorAll("#runs tr[data-run]"));
        Assert.Contains("Succeeded", run.TextContent, StringComparison.Ordinal);
        Assert.Contains(snapshot.ContentHash[..12], run.TextContent, StringComparison.Ordinal);
        Assert.NotNull(html.QuerySelector("form#collate-now button"));
    }

    [Fact]
    public async Task Get_AfterACollationWithEqualityAnswers_WhoRespondedWithSmallGroupsNotShown()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await IntegratingCareAsync();
        await ClearRunsAsync(id);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.EqualityMonitoring.Where(e => e.ConsultationId == id).ExecuteDeleteAsync();
            foreach (var (band, count) in new[] { ("25 to 34", 14), ("45 to 54", 8), ("75 or over", 2) })
            {
                for (var i = 0; i < count; i++)
                {
                    db.EqualityMonitoring.Add(new EqualityMonitoring { Id = Guid.NewGuid(), ConsultationId = id, AgeBand = band, Sex = "Female", SubmittedOn = new DateOnly(2020, 12, 1) });
                }
            }

            await db.SaveChangesAsync();
            Assert.True((await scope.ServiceProvider.GetRequiredService<CollationRunner>().RunAsync(id, CollationTrigger.OnDemand)).Succeeded);
        }

        var html = await (await client.GetAsync(new Uri($"/backoffice/consultations/{id}/collation", UriKind.Relative))).ReadHtmlAsync();

        var age = html.QuerySelector($"table[data-breakdown='{RespondentProfile.AgeBand}']")!;
        string Cell(string group) => age.QuerySelectorAll("tbody tr").Single(r => r.Children[0].TextContent.Trim() == group).Children[1].TextContent.Trim();
        Assert.Equal("14", Cell("25 to 34"));
        Assert.Equal("not shown (small group)", Cell("75 or over"));
        Assert.Equal("not shown (small group)", Cell("45 to 54"));
        Assert.Equal("0", Cell("Under 18"));
        var female = html.QuerySelector($"table[data-breakdown='{RespondentProfile.Sex}'] tbody tr")!;
        Assert.Equal(["Female", "24"], female.Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Get_UnknownConsultation_NotFound()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var response = await client.GetAsync(new Uri($"/backoffice/consultations/{Guid.NewGuid()}/collation", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
