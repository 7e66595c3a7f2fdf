using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>/backoffice/consultations/{id}/collation: "collate now" with its progress, the runs, the latest snapshot's
/// headline figures and the plan worked back from the deadline.</summary>
public sealed class CollationModel(PortalDbContext db, CollationRuns runs, JobsOverview jobs, IOptions<CollationOptions> options, TimeProvider time) : PageModel
{
    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public IReadOnlyList<CollationRunSummary> Runs { get; private set; } = [];

    /// <summary>The run queued or running now, if any: its progress is shown.</summary>
    public CollationRunSummary? Current { get; private set; }

    public (CollationRunSummary Run, CollationSnapshot Snapshot)? Latest { get; private set; }

    public IReadOnlyList<PlanStep> Plan { get; private set; } = [];

    public bool RunsOnThisNode => jobs.RunsOnThisNode;

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var (result, _) = await runs.CollateNowAsync(id, cancellationToken);
        if (result == CollateNowResult.UnknownConsultation)
        {
            return NotFound();
        }

        // Start the collation job at once on a node that runs jobs; otherwise it finds the queued run within a minute.
        await jobs.RunNowAsync(JobCatalogue.Collation, cancellationToken);
        Notice = result == CollateNowResult.Queued
            ? "Collation has been queued. The progress bar below shows how far it has got."
            : "A collation of this consultation is already under way; its progress is shown below.";
        return RedirectToPage(new { id });
    }

    /// <summary>A small JSON reply for the progress bar's script (the page works without it: reload to see progress).</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, Guid run, CancellationToken cancellationToken)
    {
        var found = await runs.FindAsync(id, run, cancellationToken);
        return found is null ? NotFound() : new JsonResult(new { status = found.Status.ToString(), percent = found.ProgressPercent });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var versions = await db.ConsultationVersions.AsNoTracking().Where(v => v.ConsultationId == id).ToListAsync(cancellationToken);
        var version = versions.Where(v => v.State == VersionState.Published).MaxBy(v => v.Number) ?? versions.MaxBy(v => v.Number);
        if (version is null)
        {
            return false;
        }

        Id = id;
        Title = version.Title;
        Runs = await runs.ListAsync(id, 20, cancellationToken);
        Current = Runs.FirstOrDefault(r => r.Status is CollationRunStatus.Queued or CollationRunStatus.Running);
        Latest = await runs.LatestSnapshotAsync(id, cancellationToken);
        Plan = CollationPlan.For(version.ClosesUtc, version.PartnershipDeadlineUtc, options.Value, time.GetUtcNow().UtcDateTime);
        return true;
    }

    public static string TriggerText(CollationTrigger trigger) => trigger switch
    {
        CollationTrigger.Nightly => "Nightly",
        CollationTrigger.OnDemand => "Collate now",
        CollationTrigger.FinalBeforeDeadline => "Final, before the deadline",
        CollationTrigger.AtClose => "At close",
        _ => "Command line",
    };
}
