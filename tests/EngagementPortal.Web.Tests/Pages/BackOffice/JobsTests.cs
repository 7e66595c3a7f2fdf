using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice;

/// <summary>The portal with its scheduler started, as a node with Jobs:Enabled.</summary>
public sealed class SchedulingPortalFactory : PortalFactory
{
    public SchedulingPortalFactory() => Settings["Jobs:Enabled"] = "true";
}

public sealed class JobsTests : IClassFixture<SchedulingPortalFactory>
{
    private readonly SchedulingPortalFactory _factory;

    public JobsTests(SchedulingPortalFactory factory) => _factory = factory;

    [Fact]
    public async Task Get_EveryJobInTheCatalogue_ListedWithItsNextRun()
    {
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;

        var html = await (await client.GetAsync(new Uri("/backoffice/jobs", UriKind.Relative))).ReadHtmlAsync();

        var rows = html.QuerySelectorAll("tr[data-job]").ToList();
        Assert.Equal(JobCatalogue.All(new JobsOptions()).Select(d => d.Name), rows.Select(r => r.GetAttribute("data-job")));
        Assert.All(rows, r => Assert.NotEqual("Not scheduled", r.QuerySelector("[data-cell=next-run]")!.TextContent.Trim()));
        // The back-office layout has its own callout (the idle-timeout warning), so look for this page's one by its words.
        Assert.DoesNotContain(html.QuerySelectorAll(".nhsuk-warning-callout"), e => e.TextContent.Contains("switched off on this server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostRunNow_JourneyCleanup_RunsAndTheLastRunIsShown()
    {
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;
        var html = await (await client.GetAsync(new Uri("/backoffice/jobs", UriKind.Relative))).ReadHtmlAsync();
        var form = (IHtmlFormElement)html.QuerySelector("tr[data-job='journey-cleanup'] form")!;

        var response = await client.SubmitAsync(form);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var run = await WaitForRunAsync("journey-cleanup");
        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        var after = await (await client.GetAsync(new Uri("/backoffice/jobs", UriKind.Relative))).ReadHtmlAsync();
        var lastRun = after.QuerySelector("tr[data-job='journey-cleanup'] [data-cell=last-run]")!.TextContent;
        Assert.Contains("Succeeded", lastRun, StringComparison.Ordinal);
        Assert.Contains("journeys and save-and-return links: 0 removed.", lastRun, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRunNow_UnknownJob_NotFound()
    {
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;
        var html = await (await client.GetAsync(new Uri("/backoffice/jobs", UriKind.Relative))).ReadHtmlAsync();
        var form = (IHtmlFormElement)html.QuerySelector("tr[data-job] form")!;
        ((IHtmlInputElement)form.QuerySelector("input[name=name]")!).Value = "no-such-job";

        var response = await client.SubmitAsync(form);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_RetentionRunning_ProgressBarShown()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var recorder = scope.ServiceProvider.GetRequiredService<JobRunRecorder>();
            await recorder.StartedAsync(JobCatalogue.Retention, reportsProgress: true, CancellationToken.None);
            await recorder.ProgressAsync(JobCatalogue.Retention, 60, "Integrating care", CancellationToken.None);
        }

        var html = await (await (await _factory.SignInAsAsync(PortalRoles.Officer)).Client.GetAsync(new Uri("/backoffice/jobs", UriKind.Relative))).ReadHtmlAsync();

        var progress = html.QuerySelector("tr[data-job='retention'] progress")!;
        Assert.Equal("60", progress.GetAttribute("value"));
        Assert.Equal("Integrating care", html.QuerySelector($"label[for='{progress.Id}']")!.TextContent);
    }

    private async Task<JobRun> WaitForRunAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.JobName == name);
            if (run is { Outcome: not JobRunOutcome.Running } || DateTime.UtcNow > deadline)
            {
                return run ?? throw new TimeoutException($"{name} did not run within 30 seconds");
            }

            await Task.Delay(100);
        }
    }
}

public sealed class JobsOffTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public JobsOffTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task Get_JobsSwitchedOffOnThisNode_SaysSoAndNothingScheduled()
    {
        var html = await (await (await _factory.SignInAsAsync(PortalRoles.Officer)).Client.GetAsync(new Uri("/backoffice/jobs", UriKind.Relative))).ReadHtmlAsync();

        Assert.Contains(html.QuerySelectorAll(".nhsuk-warning-callout"), e => e.TextContent.Contains("switched off on this server", StringComparison.Ordinal));
        Assert.All(html.QuerySelectorAll("[data-cell=next-run]"), c => Assert.Equal("Not scheduled", c.TextContent.Trim()));
    }
}
