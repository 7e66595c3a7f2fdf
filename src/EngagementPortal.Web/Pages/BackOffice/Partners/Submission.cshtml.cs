using EngagementPortal.Core.Partners;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Partners;

/// <summary>An organisation's submission (or draft) as officers see it, with its letter.</summary>
public sealed class SubmissionModel(PartnerSubmissions submissions, Core.Data.PortalDbContext db) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetLetterAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || submissions.LetterPath(Workspace.Submission) is not { } path)
        {
            return NotFound();
        }

        var pdf = Workspace.Submission.LetterFormat == "PDF";
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; object-src 'none'";
        return PhysicalFile(path, pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document", pdf ? "letter.pdf" : "letter.docx");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // Officers see every organisation's: find the organisation, then read through the same scoped query.
        var organisationId = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.PartnerSubmissions.Where(s => s.Id == id).Select(s => (Guid?)s.OrganisationId), cancellationToken);
        if (organisationId is null || await submissions.FindAsync(id, organisationId.Value, cancellationToken) is not { } workspace)
        {
            return false;
        }

        Workspace = workspace;
        return true;
    }
}
