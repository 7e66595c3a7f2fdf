using System.Text;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.DataRequests;

/// <summary>One data request: the response it matched, and handling it (copy by download or email, erase, decline).</summary>
public sealed class DetailsModel(Core.Responses.DataRequests requests, UserManager<PortalUser> users) : PageModel
{
    public DataRequestDetails Details { get; private set; } = null!;

    [BindProperty]
    public bool ConfirmErase { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The copy as a text file; downloading it completes the request (and is audited).</summary>
    public async Task<IActionResult> OnGetCopyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await requests.DownloadCopyAsync(id, this.ActorOf(users), cancellationToken) is not { } copy)
        {
            return NotFound();
        }

        return File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(copy.Text)).ToArray(), "text/plain; charset=utf-8", copy.FileName);
    }

    public async Task<IActionResult> OnPostEmailAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(await requests.EmailCopyAsync(id, this.ActorOf(users), cancellationToken), id, "The copy is queued to the requester's email address.", cancellationToken);

    public async Task<IActionResult> OnPostEraseAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!ConfirmErase)
        {
            ModelState.AddModelError(nameof(ConfirmErase), "Confirm that you have checked this is the requester's response");
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return await AfterAsync(await requests.EraseAsync(id, this.ActorOf(users), cancellationToken), id, "Erased: the response's answers and personal data are gone; its reference stays, withdrawn.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(await requests.DeclineAsync(id, Reason, this.ActorOf(users), cancellationToken), id, "Declined.", cancellationToken);

    private async Task<IActionResult> AfterAsync(HandlingResult result, Guid id, string notice, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case HandlingOutcome.NotFound:
                return NotFound();
            case HandlingOutcome.Invalid:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(error.Field, error.Message);
                }

                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            default:
                Notice = notice;
                return RedirectToPage(new { id });
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await requests.FindAsync(id, cancellationToken) is not { } details)
        {
            return false;
        }

        Details = details;
        return true;
    }
}
