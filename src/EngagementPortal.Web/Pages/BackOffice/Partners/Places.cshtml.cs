using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Partners;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Partners;

/// <summary>The partnership's places as lists of postcode districts (used for organisations here, and by collation
/// to break public responses down by place).</summary>
public sealed class PlacesModel(PartnerRegister register, UserManager<PortalUser> users) : PageModel
{
    public IReadOnlyList<Place> Places { get; private set; } = [];

    [BindProperty]
    public string? PlaceName { get; set; }

    [BindProperty]
    public string? Districts { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Places = await register.PlacesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await register.AddPlaceAsync(PlaceName, Districts, this.ActorOf(users), cancellationToken);
        if (result.Outcome == RegisterOutcome.Saved)
        {
            return Redirect("/backoffice/partners/places");
        }

        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }

        Places = await register.PlacesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid placeId, CancellationToken cancellationToken) =>
        await register.RemovePlaceAsync(placeId, this.ActorOf(users), cancellationToken) ? Redirect("/backoffice/partners/places") : NotFound();
}
