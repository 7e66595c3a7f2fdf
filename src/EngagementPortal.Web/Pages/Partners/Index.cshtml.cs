using EngagementPortal.Core.Data;
using EngagementPortal.Core.Partners;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Pages.Partners;

/// <summary>The organisation's consultations and where each response stands.</summary>
public sealed class IndexModel(PartnerSubmissions submissions, PortalDbContext db) : PageModel
{
    public string Organisation { get; private set; } = "";

    public IReadOnlyList<PartnerSubmissions.Summary> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organisationId = this.OrganisationOf();
        Organisation = await db.PartnerOrganisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        Rows = await submissions.ForOrganisationAsync(organisationId, cancellationToken);
    }
}
