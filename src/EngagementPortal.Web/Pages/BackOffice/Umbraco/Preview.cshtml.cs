using EngagementPortal.Core.Content;
using EngagementPortal.Core.Content.Umbraco;
using EngagementPortal.Web.Pages.Consultations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.BackOffice.Umbraco;

/// <summary>
/// An officer previews an Umbraco draft in the portal's own consultation page before it is published. Drafts can be
/// embargoed policy: the back office's staff policy on /backoffice is what keeps them from anyone else (docs/adr/0082).
/// It answers 404 unless Umbraco is the content source.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)] // a draft must not linger in any cache
public sealed class PreviewModel(UmbracoPreview preview, IOptions<ContentOptions> content, TimeProvider time) : PageModel
{
    public ConsultationView? View { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!content.Value.IsUmbraco)
        {
            return NotFound();
        }

        var draft = await preview.ReadDraftAsync(id, cancellationToken);
        if (draft.Version is null)
        {
            Problem = draft.Status switch
            {
                DeliveryStatus.NotFound => "Umbraco has no draft or published consultation with this id.",
                DeliveryStatus.Unauthorized => "Umbraco refused the preview: previews need Content:Umbraco:ApiKey to match Umbraco's Delivery API key.",
                DeliveryStatus.Unreachable or DeliveryStatus.ServerError => "Umbraco cannot be reached just now, so the draft cannot be shown. Try again later.",
                _ => "The draft cannot be shown as a consultation: " + draft.Problem,
            };
            Response.StatusCode = draft.Status == DeliveryStatus.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status502BadGateway;
            return Page();
        }

        View = ConsultationView.For(draft.Version, time, isPreview: true);
        return Page();
    }
}
