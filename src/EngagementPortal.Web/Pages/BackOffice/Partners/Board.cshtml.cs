using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using EngagementPortal.Web.Pages.Partners;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.BackOffice.Partners;

/// <summary>One consultation's partner organisations: who is invited, drafting, submitted or late; inviting,
/// reminding and reopening.</summary>
public sealed class BoardModel(PartnerStatusBoard statusBoard, PartnerInvitations invitations, PartnerSubmissions submissions, UserManager<PortalUser> users, IOptions<ResponseOptions> responseOptions) : PageModel
{
    public Board Board { get; private set; } = null!;

    [BindProperty]
    public Guid? OrganisationId { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (OrganisationId is null)
        {
            ModelState.AddModelError(nameof(OrganisationId), "Select the organisation to invite");
            return Page();
        }

        var result = await invitations.InviteOrganisationAsync(id, OrganisationId.Value, Email, this.ActorOf(users), this.BaseUrl(responseOptions), cancellationToken);
        switch (result.Outcome)
        {
            case InviteOutcome.Invited:
            case InviteOutcome.AlreadyContributor:
                return Redirect($"/backoffice/partners/consultations/{id}?done=invited");
            case InviteOutcome.NotFound:
                ModelState.AddModelError(nameof(OrganisationId), "Select an organisation from the register");
                break;
            default:
                ModelState.AddModelError(nameof(Email), result.Problem ?? "The invitation could not be sent");
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemindAsync(Guid id, CancellationToken cancellationToken)
    {
        var officer = await users.GetUserAsync(User);
        var count = await statusBoard.RemindNowAsync(id, officer!, cancellationToken);
        return Redirect($"/backoffice/partners/consultations/{id}?done=reminded-{count}");
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id, Guid submissionId, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Board.Rows.All(r => r.SubmissionId != submissionId))
        {
            return NotFound();
        }

        await submissions.ReopenAsync(submissionId, this.ActorOf(users), reason, cancellationToken);
        return Redirect($"/backoffice/partners/consultations/{id}?done=reopened");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await statusBoard.ReadAsync(id, cancellationToken) is not { } board)
        {
            return false;
        }

        Board = board;
        return true;
    }

    public static string Describe(BoardRow row) => PartnerPage.Describe(row.State, row.IsLate);
}
