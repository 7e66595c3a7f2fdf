using System.Globalization;
using EngagementPortal.Core.Jobs;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Content.Umbraco;

/// <summary>
/// The scheduled sync as a plain job: idempotent (unchanged items import nothing), safe to run twice and after a
/// restart. It does nothing unless Content:Source is UmbracoDelivery. Quartz runs it at start and every
/// Content:Umbraco:SyncEvery (<see cref="JobCatalogue.UmbracoSync"/>); the webhook covers the minutes in between.
/// Umbraco being unreachable is an expected failure: it is recorded in content_sync_status for officers and the run
/// itself succeeds, saying so.
/// </summary>
public sealed class UmbracoSyncJob(UmbracoSync sync, IOptions<ContentOptions> content) : IPortalJob
{
    public async Task<SyncReport?> ExecuteAsync(CancellationToken cancellationToken = default) =>
        content.Value.IsUmbraco ? await sync.SyncAllAsync(cancellationToken) : null;

    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken) =>
        new(Summarise(await ExecuteAsync(cancellationToken)));

    public static string Summarise(SyncReport? report)
    {
        if (report is null)
        {
            return "Content:Source is not UmbracoDelivery: nothing to sync.";
        }

        var changed = report.Items.Count(i => i.Outcome is ItemSyncOutcome.Created or ItemSyncOutcome.Updated or ItemSyncOutcome.Republished);
        var failed = report.Items.Count(i => !i.Succeeded);
        return report.Outcome switch
        {
            SyncOutcome.Failed => $"Umbraco could not be read ({report.Problem}); the last synced content is still served.",
            _ => string.Create(CultureInfo.InvariantCulture, $"Read {report.Items.Count} item(s): {changed} created or updated, {failed} could not be read, {report.Unpublished} withdrawn."),
        };
    }
}
