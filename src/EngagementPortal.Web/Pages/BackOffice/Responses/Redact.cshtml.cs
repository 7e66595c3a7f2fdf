using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Responses;

/// <summary>Redacting personal data in one written answer for publication; the original stays, for staff only.</summary>
public sealed class RedactModel(ResponseList responses, ResponseModeration moderation, UserManager<PortalUser> users) : PageModel
{
    public ResponseDetails Details { get; private set; } = null!;

    public ResponseAnswer Answer { get; private set; } = null!;

    [BindProperty]
    public string? Items { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid responseId, long answerId, CancellationToken cancellationToken) =>
        await LoadAsync(id, responseId, answerId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid responseId, long answerId, CancellationToken cancellationToken)
    {
        var result = await moderation.RedactAsync(id, responseId, answerId, Items, this.ActorOf(users), cancellationToken);
        return await AfterAsync(result, id, responseId, answerId, "Redaction saved.", cancellationToken);
    }

    public async Task<IActionResult> OnPostClearAsync(Guid id, Guid responseId, long answerId, CancellationToken cancellationToken)
    {
        var result = await moderation.ClearRedactionAsync(id, responseId, answerId, this.ActorOf(users), cancellationToken);
        return await AfterAsync(result, id, responseId, answerId, "Redaction removed: the original is published.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(HandlingResult result, Guid id, Guid responseId, long answerId, string notice, CancellationToken cancellationToken)
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

                return await LoadAsync(id, responseId, answerId, cancellationToken) ? Page() : NotFound();
            default:
                TempData["Notice"] = notice;
                return Redirect($"/backoffice/consultations/{id}/responses/{responseId}");
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid responseId, long answerId, CancellationToken cancellationToken)
    {
        if (await responses.FindAsync(id, responseId, cancellationToken) is not { } details || details.Response.Answers.FirstOrDefault(a => a.Id == answerId && a.Text is not null) is not { } answer)
        {
            return false;
        }

        Details = details;
        Answer = answer;
        return true;
    }
}
