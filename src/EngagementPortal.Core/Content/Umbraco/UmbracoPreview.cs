using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Content.Umbraco;

public sealed record PreviewResult(DeliveryStatus Status, ConsultationVersion? Version, string? Problem);

/// <summary>
/// An Umbraco draft as the portal would show it: read with <c>Preview: true</c> and the API key, mapped like a published
/// item, and turned into a version that is never saved.
/// </summary>
public sealed class UmbracoPreview(UmbracoDeliveryClient client, Microsoft.Extensions.Options.IOptions<UmbracoDeliveryOptions> options, TimeProvider time)
{
    public async Task<PreviewResult> ReadDraftAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var item = await client.GetItemAsync(id, preview: true, cancellationToken);
        if (!item.IsOk)
        {
            return new PreviewResult(item.Status, null, item.Problem);
        }

        try
        {
            var content = ConsultationItemReader.Read(item.Value, $"Umbraco draft {id:D}", options.Value.MediaBase);
            var version = content.ToVersion(0, VersionState.Draft, time.GetUtcNow().UtcDateTime);
            version.Consultation = new Consultation { Slug = content.Slug, Origin = ContentOrigin.Umbraco, OriginKey = content.OriginKey };
            return new PreviewResult(DeliveryStatus.Ok, version, null);
        }
        catch (ContentProblemException ex)
        {
            return new PreviewResult(DeliveryStatus.UnexpectedResponse, null, ex.Message);
        }
    }
}
