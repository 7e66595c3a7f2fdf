using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Partners;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Partners;

/// <summary>Attaches, replaces, removes or downloads the organisation's letter: PDF or Word up to 10 MB, checked by
/// its content, kept outside the public documents.</summary>
[RequestSizeLimit(11 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024)]
public sealed class LetterModel(PartnerSubmissions submissions, UserManager<PortalUser> users) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || submissions.LetterPath(Workspace.Submission) is not { } path)
        {
            return NotFound();
        }

        var pdf = Workspace.Submission.LetterFormat == "PDF";
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; object-src 'none'";
        return PhysicalFile(path, pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document", pdf ? "letter.pdf" : "letter.docx");
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Select a PDF or Word document");
            return Page();
        }

        await using var content = Upload.OpenReadStream();
        var outcome = await submissions.AttachLetterAsync(id, this.OrganisationOf(), content, await this.ContributorAsync(users), cancellationToken);
        switch (outcome)
        {
            case LetterOutcome.Attached:
            case LetterOutcome.Locked:
                return Redirect($"/partners/submissions/{id}");
            case LetterOutcome.NotFound:
                return NotFound();
            case LetterOutcome.TooLarge:
                ModelState.AddModelError(nameof(Upload), "The file must be smaller than 10 MB");
                break;
            case LetterOutcome.Empty:
                ModelState.AddModelError(nameof(Upload), "The selected file is empty");
                break;
            default:
                ModelState.AddModelError(nameof(Upload), "The selected file must be a PDF or a Word document (.docx). This file is neither, whatever its name says");
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await submissions.RemoveLetterAsync(id, this.OrganisationOf(), await this.ContributorAsync(users), cancellationToken);
        return outcome == LetterOutcome.NotFound ? NotFound() : Redirect($"/partners/submissions/{id}");
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
