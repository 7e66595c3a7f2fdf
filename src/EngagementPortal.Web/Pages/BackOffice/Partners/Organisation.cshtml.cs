using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Partners;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Partners;

/// <summary>Adds an organisation to the register (no id) or changes one.</summary>
public sealed class OrganisationModel(PartnerRegister register, PartnerInvitations invitations, UserManager<PortalUser> users) : PageModel
{
    public Guid? Id { get; private set; }

    public IReadOnlyList<Place> Places { get; private set; } = [];

    public IReadOnlyList<PortalUser> Contributors { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public OrganisationType? Type { get; set; }

    [BindProperty]
    public List<Guid> PlaceIds { get; set; } = [];

    [BindProperty]
    public string? ContactName { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        Places = await register.PlacesAsync(cancellationToken);
        if (id is { } existing)
        {
            var organisation = await register.FindAsync(existing, cancellationToken);
            if (organisation is null)
            {
                return NotFound();
            }

            Name = organisation.Name;
            Type = organisation.Type;
            PlaceIds = organisation.PlaceIds;
            ContactName = organisation.ContactName;
            ContactEmail = organisation.ContactEmail;
            Contributors = await invitations.ContributorsAsync(existing, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await register.SaveOrganisationAsync(id, new OrganisationInput(Name, Type, PlaceIds, ContactName, ContactEmail), this.ActorOf(users), cancellationToken);
        if (result.Outcome == RegisterOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome == RegisterOutcome.Saved)
        {
            return Redirect("/backoffice/partners");
        }

        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }

        Id = id;
        Places = await register.PlacesAsync(cancellationToken);
        return Page();
    }
}
