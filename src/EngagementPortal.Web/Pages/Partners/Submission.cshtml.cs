using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Partners;

/// <summary>The draft: every question, the overall position and the evidence, saved on each press of a button.
/// The form carries the row version it was loaded at; when a colleague saved in between, nothing is overwritten
/// and the page shows both versions side by side.</summary>
public sealed class SubmissionModel(PartnerSubmissions submissions, UserManager<PortalUser> users) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    /// <summary>What the form shows, by field id: the saved draft, or exactly what was just posted.</summary>
    public Dictionary<string, IReadOnlyList<string>> Fields { get; private set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string? OverallPosition { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    [BindProperty]
    public int Version { get; set; }

    /// <summary>Set when a colleague saved first: their version, shown beside this person's.</summary>
    public PartnerSubmission? Conflict { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await submissions.FindAsync(id, this.OrganisationOf(), cancellationToken) is not { } workspace)
        {
            return NotFound();
        }

        Workspace = workspace;
        Fields = PartnerSubmissions.FieldsOf(workspace.Version, workspace.Submission);

        OverallPosition = workspace.Submission.OverallPosition;
        Evidence = workspace.Submission.Evidence;
        Version = workspace.Submission.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? next, CancellationToken cancellationToken)
    {
        var organisationId = this.OrganisationOf();
        if (await submissions.FindAsync(id, organisationId, cancellationToken) is not { } workspace)
        {
            return NotFound();
        }

        Workspace = workspace;
        foreach (var field in workspace.Version.Questions.SelectMany(PartnerSubmissions.FieldIdsOf))
        {
            Fields[field] = [.. Request.Form[field].Select(v => v ?? "")];
        }

        var result = await submissions.SaveDraftAsync(id, organisationId, Version, new DraftInput(Fields, OverallPosition, Evidence), await this.ContributorAsync(users), cancellationToken);
        switch (result.Outcome)
        {
            case DraftOutcome.Saved:
                return Redirect(next == "sign-off" ? $"/partners/submissions/{id}/sign-off" : $"/partners/submissions/{id}?saved=true");
            case DraftOutcome.NotFound:
                return NotFound();
            case DraftOutcome.Locked:
                return Redirect($"/partners/submissions/{id}");
            case DraftOutcome.Conflict:
                // Keep what this person typed; the next save replaces the colleague's version knowingly.
                Conflict = result.Current;
                Version = result.Current!.Version;
                ModelState.Remove(nameof(Version));
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                ModelState.AddProblems(result.Problems);
                return Page();
        }
    }

    public IReadOnlyList<string> Posted(string field) => Fields.GetValueOrDefault(field) ?? [];

    /// <summary>One field's text as shown: the first value, or null when empty.</summary>
    public string? TextOf(string field) => Posted(field).FirstOrDefault(v => v.Length > 0);

    /// <summary>This person's unsaved answer to a question, for the conflict table.</summary>
    public string Mine(Question question)
    {
        // Shown as Show shows a saved answer: the ticks together, then the text.
        var parts = new List<string> { string.Join(", ", Posted(ResponseRules.FieldId(question.Key)).Where(v => v.Length > 0)) };
        if (question.HasChoices && TextOf(ResponseRules.OtherFieldId(question.Key)) is { } other)
        {
            parts.Add(other);
        }

        return string.Join("; ", parts.Where(p => p.Length > 0)) is { Length: > 0 } text ? text : "Not answered";
    }

    public string? ErrorFor(string name) => ModelState[name]?.Errors.FirstOrDefault()?.ErrorMessage;

    public static string Show(PartnerSubmission submission, string key) =>
        submission.Answers.FirstOrDefault(a => a.Key == key) is { } a
            ? string.Join("; ", new[] { a.Choice, a.Choices.Count > 0 ? string.Join(", ", a.Choices) : null, a.Text }.Where(v => !string.IsNullOrEmpty(v)))
            : "Not answered";
}
