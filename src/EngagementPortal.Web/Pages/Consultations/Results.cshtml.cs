using EngagementPortal.Core.PartnershipResponses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Consultations;

/// <summary>
/// The published partnership response: "you said, we did" and the response itself, once officers publish a signed-off
/// version; a 404 until then. Quotes come only from respondents who chose to publish, with redactions applied
/// (collation builds them that way).
/// </summary>
public sealed class ResultsModel(PartnershipResponseDrafting drafting) : PageModel
{
    public PartnershipVersionView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var view = await drafting.PublishedAsync(slug, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
