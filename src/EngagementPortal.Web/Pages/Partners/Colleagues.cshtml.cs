using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Partners;

/// <summary>The organisation's contributors, and inviting a colleague to join them.</summary>
public sealed class ColleaguesModel(PartnerInvitations invitations, UserManager<PortalUser> users, IOptions<ResponseOptions> responseOptions) : PageModel
{
    public IReadOnlyList<PortalUser> Contributors { get; private set; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Invited { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Contributors = await invitations.ContributorsAsync(this.OrganisationOf(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var organisationId = this.OrganisationOf();
        var result = await invitations.InviteColleagueAsync(organisationId, Email, await this.ContributorAsync(users), this.BaseUrl(responseOptions), cancellationToken);
        if (result.Outcome is InviteOutcome.Invited or InviteOutcome.AlreadyContributor)
        {
            return Redirect("/partners/colleagues?invited=" + Uri.EscapeDataString(Email!.Trim()));
        }

        ModelState.AddModelError(nameof(Email), result.Problem ?? "The invitation could not be sent");
        Contributors = await invitations.ContributorsAsync(organisationId, cancellationToken);
        return Page();
    }
}
