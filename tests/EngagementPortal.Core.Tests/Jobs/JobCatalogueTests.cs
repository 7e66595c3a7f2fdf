using EngagementPortal.Core.Content;
using EngagementPortal.Core.Content.Umbraco;
using EngagementPortal.Core.Jobs;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Jobs;

public sealed class JobCatalogueTests
{
    [Fact]
    public void All_BuiltInSource_NoUmbracoSync()
    {
        var jobs = new ConfiguredJobs(Options.Create(new JobsOptions()), Options.Create(new ContentOptions()), Options.Create(new UmbracoDeliveryOptions()));

        Assert.DoesNotContain(jobs.All, d => d.Name == JobCatalogue.UmbracoSync);
        Assert.DoesNotContain(jobs.All, d => d.RunsAtStart);
    }

    [Fact]
    public void All_UmbracoSource_SyncEveryConfiguredIntervalAndAtStart()
    {
        var jobs = new ConfiguredJobs(
            Options.Create(new JobsOptions()),
            Options.Create(new ContentOptions { Source = ContentOptions.UmbracoDeliverySource }),
            Options.Create(new UmbracoDeliveryOptions { SyncEvery = TimeSpan.FromMinutes(7) }));

        var sync = jobs.Find(JobCatalogue.UmbracoSync)!;

        Assert.Equal((typeof(UmbracoSyncJob), (JobSchedule)new JobSchedule.Every(TimeSpan.FromMinutes(7)), true), (sync.JobType, sync.Schedule, sync.RunsAtStart));
        Assert.True(typeof(IPortalJob).IsAssignableFrom(sync.JobType));
    }
}
