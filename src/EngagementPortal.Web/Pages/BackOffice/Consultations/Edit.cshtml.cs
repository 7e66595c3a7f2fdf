using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>Edits the draft; when only a published version exists, saving makes a new draft from it.</summary>
public sealed class EditModel(ConsultationAuthoring authoring, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public DraftForm Form { get; set; } = new();

    public Guid Id { get; private set; }

    public bool SlugLocked { get; private set; }

    public string? BodyPreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var consultation = await authoring.LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        Id = id;
        SlugLocked = ConsultationAuthoring.WasEverPublished(consultation);
        Form = DraftForm.From(ConsultationAuthoring.Current(consultation), consultation.Slug);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewBodyAsync(Guid id, CancellationToken cancellationToken)
    {
        var consultation = await authoring.LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        Id = id;
        SlugLocked = ConsultationAuthoring.WasEverPublished(consultation);
        BodyPreviewHtml = SafeMarkdown.ToHtml(Form.Body ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Id = id;
        var (fields, formProblems) = Form.ToFields();
        if (formProblems.Count > 0)
        {
            var consultation = await authoring.LoadAsync(id, cancellationToken);
            if (consultation is null)
            {
                return NotFound();
            }

            SlugLocked = ConsultationAuthoring.WasEverPublished(consultation);
            ModelState.AddProblems(formProblems, "Form.");
            ModelState.AddProblems(DraftRules.Check(fields).Where(p => formProblems.All(f => f.Field != p.Field)), "Form.");
            return Page();
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
                SlugLocked = ConsultationAuthoring.WasEverPublished((await authoring.LoadAsync(id, cancellationToken))!);
                ModelState.AddProblems(result.Problems, "Form.");
                return Page();
        }
    }
}
