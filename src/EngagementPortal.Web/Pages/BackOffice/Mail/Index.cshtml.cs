using EngagementPortal.Core.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Mail;

/// <summary>/backoffice/mail: every email the portal has queued, newest first, with dead letters to retry. Staff only
/// (the back office's folder policy): it shows recipients' addresses.</summary>
public sealed class IndexModel(SentMail mail) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public OutboxState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SentMailPage Mail { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Mail = await mail.ListAsync(State, PageNumber, cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await mail.RetryAsync(id, cancellationToken);
        if (result == RetryResult.NotFound)
        {
            return NotFound();
        }

        Notice = result == RetryResult.Queued ? "The message will be sent again in a moment." : "That message is not a dead letter, so it was left as it is.";
        return RedirectToPage(new { state = State });
    }
}
