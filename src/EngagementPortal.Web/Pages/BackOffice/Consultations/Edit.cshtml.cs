using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>Edits the draft; when only a published version exists, saving makes a new draft from it.</summary>
public sealed class EditModel(ConsultationAuthoring authoring, UserManager<PortalUser> users) : DraftFormPageModel
{
    public Guid Id { get; private set; }

    public bool SlugLocked { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        Form = DraftForm.From(ConsultationAuthoring.Current(consultation), consultation.Slug);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewBodyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        PreviewBody();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        if (ReadForm() is not { } fields)
        {
            return await LoadAsync(id, cancellationToken) is null ? NotFound() : Page();
        }

        var result = await authoring.SaveDraftAsync(id, fields, this.ActorOf(users), cancellationToken);
        switch (result.Outcome)
        {
            case AuthoringOutcome.NotFound:
                return NotFound();
            case AuthoringOutcome.Done:
                TempData["Notice"] = "Draft saved.";
                return Redirect($"/backoffice/consultations/{id}");
            default:
                await LoadAsync(id, cancellationToken);
                return Refused(result.Problems);
        }
    }

    /// <summary>Loads the consultation and whether its web address is fixed (it was published once).</summary>
    private async Task<Consultation?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var consultation = await authoring.LoadAsync(id, cancellationToken);
        if (consultation is not null)
        {
            Id = id;
            SlugLocked = ConsultationAuthoring.WasEverPublished(consultation);
        }

        return consultation;
    }
}
