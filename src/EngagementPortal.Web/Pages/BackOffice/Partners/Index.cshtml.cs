using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Partners;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Partners;

/// <summary>The register of partner organisations, the consultations' status boards, and removing the sample.</summary>
public sealed class IndexModel(PartnerRegister register, PartnerStatusBoard board, PartnerSampleData sample, UserManager<PortalUser> users) : PageModel
{
    public IReadOnlyList<PartnerOrganisation> Organisations { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> PlaceNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<(Guid ConsultationId, string Title, DateTime? Deadline, int Invited, int Submitted)> Consultations { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Removed { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Accounts { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Invitations { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await register.OrganisationsAsync(cancellationToken);
        PlaceNames = (await register.PlacesAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
        Consultations = await board.ConsultationsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveSampleAsync(CancellationToken cancellationToken)
    {
        var removed = await sample.RemoveAsync(this.ActorOf(users), cancellationToken);
        return Redirect($"/backoffice/partners?removed={removed.Organisations}&accounts={removed.Accounts}&invitations={removed.PendingInvitations}");
    }
}
