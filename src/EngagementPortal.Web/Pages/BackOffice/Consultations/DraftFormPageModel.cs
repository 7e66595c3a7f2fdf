using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>
/// The draft form that creating and editing a consultation share: its fields, the body's server-rendered preview, and
/// reading what was typed into a draft's fields with every problem shown against its field.
/// </summary>
public abstract class DraftFormPageModel : PageModel
{
    [BindProperty]
    public DraftForm Form { get; set; } = new();

    public string? BodyPreviewHtml { get; private set; }

    /// <summary>Shows the typed body as the public will see it; nothing is saved and no field is checked.</summary>
    protected void PreviewBody()
    {
        ModelState.Clear();
        BodyPreviewHtml = SafeMarkdown.ToHtml(Form.Body ?? "");
    }

    /// <summary>
    /// The typed fields, or null when some cannot be read (a date that is not one): then those problems, and the
    /// draft rules' problems with the other fields, are shown.
    /// </summary>
    protected DraftFields? ReadForm()
    {
        ModelState.Clear();
        var (fields, formProblems) = Form.ToFields();
        if (formProblems.Count == 0)
        {
            return fields;
        }

        ModelState.AddProblems(formProblems, "Form.");
        ModelState.AddProblems(DraftRules.Check(fields).Where(p => formProblems.All(f => f.Field != p.Field)), "Form.");
        return null;
    }

    /// <summary>Shows what Core refused, against the fields.</summary>
    protected PageResult Refused(IEnumerable<FieldProblem> problems)
    {
        ModelState.AddProblems(problems, "Form.");
        return Page();
    }
}
