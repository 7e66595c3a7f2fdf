using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.PartnershipResponse;

/// <summary>
/// The partnership response editor: per question, the evidence of the chosen snapshot beside the officers' narrative;
/// saving checks every citation against that snapshot and flags paragraphs that cite nothing; the version history.
/// </summary>
public sealed class IndexModel(PartnershipResponseDrafting drafting, UserManager<PortalUser> users) : PageModel
{
    public PartnershipWorkspace Workspace { get; private set; } = null!;

    /// <summary>The snapshot the evidence panels show and a save writes over; null when the consultation has none yet.</summary>
    public SnapshotChoice? Chosen { get; private set; }

    public CollationSnapshot? Snapshot { get; private set; }

    /// <summary>The narratives shown: what was typed (after a refused save), else the latest version's.</summary>
    public Dictionary<string, string> Narratives { get; private set; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Flags { get; private set; } = [];

    [BindProperty]
    public Guid? RunId { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? run, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, run, cancellationToken))
        {
            return NotFound();
        }

        if (Workspace.Latest is { } latest)
        {
            Narratives = latest.Narratives.ToDictionary(n => n.QuestionKey, n => n.Markdown, StringComparer.Ordinal);
        }

        if (Snapshot is not null)
        {
            Flags = PartnershipResponseDrafting.Check(Narratives, Snapshot).Warnings;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, RunId, cancellationToken))
        {
            return NotFound();
        }

        Narratives = (Snapshot?.Content.Questions ?? []).ToDictionary(q => q.Key, q => Request.Form[PartnershipResponseDrafting.NarrativeField(q.Key)].ToString(), StringComparer.Ordinal);
        var result = await drafting.SaveDraftAsync(id, RunId, Narratives, this.ActorOf(users), cancellationToken);
        switch (result.Outcome)
        {
            case PartnershipOutcome.NotFound:
                return NotFound();
            case PartnershipOutcome.Done:
                var flags = result.WarningList.Count;
                Notice = $"Saved as draft version {result.Version!.Number}." + (flags == 0 ? "" : $" {flags} paragraph{(flags == 1 ? "" : "s")} cite{(flags == 1 ? "s" : "")} no evidence: see the flags.");
                return RedirectToPage(new { id });
            default:
                ModelState.AddProblems(result.ProblemList);
                Flags = result.WarningList;
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid? run, CancellationToken cancellationToken)
    {
        var workspace = await drafting.LoadAsync(id, cancellationToken);
        if (workspace is null)
        {
            return false;
        }

        Workspace = workspace;
        var wanted = run ?? (workspace.Latest is { IsLocked: false } draft ? draft.CollationRunId : null);
        Chosen = workspace.Snapshots.FirstOrDefault(s => s.RunId == wanted) ?? workspace.Snapshots.FirstOrDefault();
        if (Chosen is not null)
        {
            Snapshot = await drafting.SnapshotAsync(id, Chosen.RunId, cancellationToken);
        }

        return true;
    }
}
