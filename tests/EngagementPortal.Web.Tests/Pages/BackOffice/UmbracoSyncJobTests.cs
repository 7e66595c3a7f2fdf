using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using EngagementPortal.TestCommon.Umbraco;
using EngagementPortal.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice;

/// <summary>Umbraco as the source on a node with jobs switched on: the sync is a Quartz job, run at start, listed on
/// /backoffice/jobs with "run now".</summary>
public sealed class UmbracoSyncJobTests : IAsyncLifetime
{
    private DeliveryApiFixtureServer _server = null!;
    private PortalFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _server = await DeliveryApiFixtureServer.StartAsync();
        _factory = UmbracoPortal.Factory(_server.BaseUrl, ("Jobs:Enabled", "true"));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Start_JobsEnabled_SyncRunsOnceAtStartAndTheConsultationIsServed()
    {
        var client = _factory.CreateClient();

        var run = await WaitForRunAsync(r => true);

        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        Assert.Equal("Read 1 item(s): 1 created or updated, 0 could not be read, 0 withdrawn.", run.Summary);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri($"/consultations/{DeliveryApiFixtureServer.ConsultationSlug}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task PostRunNow_UmbracoSync_ListedAndRunsAgain()
    {
        var client = (await _factory.SignInAsAsync(PortalRoles.Officer)).Client;
        await WaitForRunAsync(r => true);
        var html = await (await client.GetAsync(new Uri("/backoffice/jobs", UriKind.Relative))).ReadHtmlAsync();
        var row = html.QuerySelector($"tr[data-job='{JobCatalogue.UmbracoSync}']")!;
        Assert.Contains("Umbraco sync", row.TextContent, StringComparison.Ordinal);
        Assert.NotEqual("Not scheduled", row.QuerySelector("[data-cell=next-run]")!.TextContent.Trim());
        _server.Requests.Clear();

        var response = await client.SubmitAsync((IHtmlFormElement)row.QuerySelector("form")!);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        // The clock is fixed in tests, so the second run is told apart by what it did: nothing new to import.
        var second = await WaitForRunAsync(r => r.Summary!.Contains("0 created", StringComparison.Ordinal));
        Assert.Equal("Read 1 item(s): 0 created or updated, 0 could not be read, 0 withdrawn.", second.Summary);
        Assert.NotEmpty(_server.Requests);
    }

    private async Task<JobRun> WaitForRunAsync(Func<JobRun, bool> which)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var scope = _factory.Services.CreateAsyncScope())
            {
                var run = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.JobName == JobCatalogue.UmbracoSync);
                if (run is { Outcome: not JobRunOutcome.Running } && which(run))
                {
                    return run;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The Umbraco sync did not run within 60 seconds");
            }

            await Task.Delay(200);
        }
    }
}
