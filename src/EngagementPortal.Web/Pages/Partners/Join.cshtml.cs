using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Partners;

/// <summary>Opens an invitation link: the invitee chooses their name and password, and is signed in as a
/// contributor of the organisation the invitation names. Expired and used links say so plainly.</summary>
[AllowAnonymous]
public sealed class JoinModel(PartnerInvitations invitations, SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public InvitationView Invitation { get; private set; } = new(AcceptOutcome.NotFound);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Invitation = await invitations.ViewAsync(Token, cancellationToken);
        if (Invitation.Status != AcceptOutcome.Accepted)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await invitations.AcceptAsync(Token, DisplayName, Password, ConfirmPassword, cancellationToken);
        if (result.Outcome == AcceptOutcome.Accepted)
        {
            await signIn.SignInAsync(result.User!, isPersistent: false);
            return Redirect("/partners");
        }

        Invitation = await invitations.ViewAsync(Token, cancellationToken);
        if (result.Outcome == AcceptOutcome.Invalid)
        {
            ModelState.AddProblems(result.Problems);
            return Page();
        }

        Response.StatusCode = StatusCodes.Status410Gone;
        Invitation = Invitation with { Status = result.Outcome };
        return Page();
    }
}
