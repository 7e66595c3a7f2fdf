using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Content.Umbraco;

/// <summary>
/// The scheduled sync as a plain job: idempotent (unchanged items import nothing), safe to run twice and after a
/// restart. It does nothing unless Content:Source is UmbracoDelivery. The scheduler calls it every
/// Content:Umbraco:SyncEvery; the webhook covers the minutes in between.
/// </summary>
public sealed class UmbracoSyncJob(UmbracoSync sync, IOptions<ContentOptions> content)
{
    public async Task<SyncReport?> ExecuteAsync(CancellationToken cancellationToken = default) =>
        content.Value.IsUmbraco ? await sync.SyncAllAsync(cancellationToken) : null;
}
