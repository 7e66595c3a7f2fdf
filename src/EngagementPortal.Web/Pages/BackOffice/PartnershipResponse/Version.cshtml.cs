using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.PartnershipResponse;

/// <summary>
/// One version: its HTML preview in exactly the published layout, whether newer responses arrived since sign-off, the
/// sign-off form (a draft), the publish form (signed off, not yet published) and the exports.
/// </summary>
public sealed class VersionModel(PartnershipResponseDrafting drafting, UserManager<PortalUser> users, Microsoft.Extensions.Options.IOptions<EngagementPortal.Core.Responses.ResponseOptions> responseOptions) : PageModel
{
    public PartnershipVersionView View { get; private set; } = null!;

    public Guid ConsultationId { get; private set; }

    public int? ResponsesSinceSignOff { get; private set; }

    [BindProperty]
    public string? SignedOffBy { get; set; }

    [BindProperty]
    public string? SignedOffRole { get; set; }

    [BindProperty]
    public string? YouSaidWeDid { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int number, CancellationToken cancellationToken) =>
        await LoadAsync(id, number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignOffAsync(Guid id, int number, CancellationToken cancellationToken)
    {
        var result = await drafting.SignOffAsync(id, number, SignedOffBy, SignedOffRole, this.ActorOf(users), cancellationToken);
        if (result.Outcome == PartnershipOutcome.Done)
        {
            Notice = $"Version {number} is signed off and locked. Editing the response now starts a new draft.";
            return RedirectToPage(new { id, number });
        }

        return await Refuse(id, number, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, int number, CancellationToken cancellationToken)
    {
        var slug = await drafting.SlugOfAsync(id, cancellationToken);
        var baseUrl = responseOptions.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        var resultsUrl = slug is null ? null : $"{baseUrl}/consultations/{slug}/results";
        var result = await drafting.PublishAsync(id, number, YouSaidWeDid, this.ActorOf(users), cancellationToken, resultsUrl);
        if (result.Outcome == PartnershipOutcome.Done)
        {
            Notice = $"Version {number} is published on the consultation's results page.";
            return RedirectToPage(new { id, number });
        }

        return await Refuse(id, number, result, cancellationToken);
    }

    private async Task<IActionResult> Refuse(Guid id, int number, PartnershipResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome == PartnershipOutcome.NotFound)
        {
            return NotFound();
        }

        ModelState.AddProblems(result.ProblemList);
        return await LoadAsync(id, number, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, int number, CancellationToken cancellationToken)
    {
        var view = await drafting.ViewAsync(id, number, cancellationToken);
        if (view is null)
        {
            return false;
        }

        View = view;
        ConsultationId = id;
        ResponsesSinceSignOff = await drafting.ResponsesSinceSignOffAsync(view.Version, cancellationToken);
        return true;
    }
}
