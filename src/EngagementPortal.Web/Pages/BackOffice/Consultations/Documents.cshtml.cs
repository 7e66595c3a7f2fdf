using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>Uploads a PDF or Word document (up to 20 MB, checked by content) into the draft's documents.</summary>
[RequestSizeLimit(21 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 21 * 1024 * 1024)]
public sealed class DocumentsModel(ConsultationAuthoring authoring, DocumentStore store, UserManager<PortalUser> users) : DraftPageModel(authoring)
{
    public IReadOnlyList<SupportingDocument> Documents => Current?.Documents ?? [];

    [BindProperty]
    public string? DocumentTitle { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(DocumentTitle))
        {
            ModelState.AddModelError(nameof(DocumentTitle), "Enter the document's title");
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Select a PDF or Word document");
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        await using var content = Upload!.OpenReadStream();
        var stored = await store.SaveAsync(content, cancellationToken);
        switch (stored.Outcome)
        {
            case DocumentCheck.Stored:
                await Authoring.AddDocumentAsync(id, new SupportingDocument { Title = DocumentTitle!.Trim(), Url = "/documents/" + stored.FileName, Format = stored.Format, SizeBytes = stored.SizeBytes }, this.ActorOf(users), cancellationToken);
                return Redirect($"/backoffice/consultations/{id}/documents");
            case DocumentCheck.TooLarge:
                ModelState.AddModelError(nameof(Upload), "The file must be smaller than 20 MB");
                break;
            case DocumentCheck.Empty:
                ModelState.AddModelError(nameof(Upload), "The selected file is empty");
                break;
            default:
                ModelState.AddModelError(nameof(Upload), "The selected file must be a PDF or a Word document (.docx)");
                break;
        }

        return Page();
    }
}
