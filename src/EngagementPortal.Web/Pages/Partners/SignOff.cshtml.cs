using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Partners;

/// <summary>Check the whole response, name the signatory, their role and the governance status, and submit.</summary>
public sealed class SignOffModel(PartnerSubmissions submissions, UserManager<PortalUser> users, IOptions<ResponseOptions> responseOptions, TimeProvider time) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    [BindProperty]
    public string? SignatoryName { get; set; }

    [BindProperty]
    public string? SignatoryRole { get; set; }

    [BindProperty]
    public GovernanceStatus? Governance { get; set; }

    [BindProperty]
    public string? ApprovedDay { get; set; }

    [BindProperty]
    public string? ApprovedMonth { get; set; }

    [BindProperty]
    public string? ApprovedYear { get; set; }

    /// <summary>Set when the consultation is not open: the page says so and keeps the draft.</summary>
    public string? NotOpenMessage { get; private set; }

    public bool IsLateNow => Workspace.Version.PartnershipDeadlineUtc is { } deadline && time.GetUtcNow().UtcDateTime > deadline;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Workspace.Submission.State == SubmissionState.Submitted)
        {
            return Redirect($"/partners/submissions/{id}");
        }

        SignatoryName = Workspace.Submission.SignatoryName;
        SignatoryRole = Workspace.Submission.SignatoryRole;
        Governance = Workspace.Submission.GovernanceStatus;
        CheckOpen();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var input = new SignOffInput(SignatoryName, SignatoryRole, Governance, ApprovedDay, ApprovedMonth, ApprovedYear);
        var result = await submissions.SubmitAsync(id, this.OrganisationOf(), input, await this.ContributorAsync(users), this.BaseUrl(responseOptions), cancellationToken);
        switch (result.Outcome)
        {
            case PartnerSubmitOutcome.Submitted:
            case PartnerSubmitOutcome.AlreadySubmitted:
                return Redirect($"/partners/submissions/{id}");
            case PartnerSubmitOutcome.NotFound:
                return NotFound();
            case PartnerSubmitOutcome.NotOpen:
                CheckOpen();
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                ModelState.AddProblems(result.Problems);
                return Page();
        }
    }

    private void CheckOpen()
    {
        var version = Workspace.Version;
        var now = time.GetUtcNow().UtcDateTime;
        NotOpenMessage = version.PhaseAt(now) switch
        {
            ConsultationPhase.Closed => $"The consultation closed at {UkTime.FormatDeadline(version.ClosesUtc)}, so responses can no longer be submitted. Your draft is kept; contact the engagement team if you still want your view considered.",
            ConsultationPhase.Upcoming => $"The consultation opens at {UkTime.FormatDeadline(version.OpensUtc)}. You can keep drafting and submit once it is open.",
            _ => version.Consultation.UnpublishedUtc is not null ? "The consultation has been withdrawn, so responses can no longer be submitted. Your draft is kept." : null,
        };
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await submissions.FindAsync(id, this.OrganisationOf(), cancellationToken) is not { } workspace)
        {
            return false;
        }

        Workspace = workspace;
        return true;
    }
}
