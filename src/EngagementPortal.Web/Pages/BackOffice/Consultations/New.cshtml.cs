using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

public sealed class NewModel(ConsultationAuthoring authoring, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public DraftForm Form { get; set; } = new();

    public string? BodyPreviewHtml { get; private set; }

    public void OnGet()
    {
    }

    public PageResult OnPostPreviewBody()
    {
        ModelState.Clear();
        BodyPreviewHtml = SafeMarkdown.ToHtml(Form.Body ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var (fields, formProblems) = Form.ToFields();
        if (formProblems.Count > 0)
        {
            ModelState.AddProblems(formProblems, "Form.");
            ModelState.AddProblems(DraftRules.Check(fields).Where(p => formProblems.All(f => f.Field != p.Field)), "Form.");
            return Page();
        }

        var result = await authoring.CreateAsync(fields, this.ActorOf(users), cancellationToken);
        if (result.Outcome != AuthoringOutcome.Done)
        {
            ModelState.AddProblems(result.Problems, "Form.");
            return Page();
        }

        return Redirect($"/backoffice/consultations/{result.ConsultationId}/questions");
    }
}
