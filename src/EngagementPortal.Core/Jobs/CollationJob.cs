using System.Globalization;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Jobs;

/// <summary>
/// Every minute: runs "collate now" requests, then any scheduled collation that is due (nightly while open, the final
/// run <c>Collation:FinalLeadHours</c> before the partnership deadline, and at close; see <see cref="CollationSchedule"/>).
/// A failed scheduled run tells the officers at once and is retried with backoff; when the retries are used up they are
/// told again. Runs left "running" by a stopped process are marked failed so they are retried, not waited on forever.
/// </summary>
public sealed class CollationJob(PortalDbContext db, CollationRunner runner, OfficerNotices notices, SentNotices sent, IOptions<CollationOptions> options, TimeProvider time) : IPortalJob
{
    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var abandonedBefore = now - o.AbandonedAfter;
        var abandoned = await db.CollationRuns
            .Where(r => r.Status == CollationRunStatus.Running && r.StartedUtc < abandonedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, CollationRunStatus.Failed).SetProperty(r => r.FinishedUtc, now).SetProperty(r => r.Error, "Abandoned: the process running it stopped."), cancellationToken);

        int succeeded = 0, failed = 0;
        var queued = await db.CollationRuns.AsNoTracking()
            .Where(r => r.Status == CollationRunStatus.Queued)
            .OrderBy(r => r.StartedUtc)
            .Select(r => new { r.Id, r.ConsultationId })
            .ToListAsync(cancellationToken);
        foreach (var run in queued)
        {
            var result = await runner.RunAsync(run.ConsultationId, CollationTrigger.OnDemand, run.Id, progress, cancellationToken);
            if (result.Succeeded)
            {
                succeeded++;
            }
            else
            {
                failed++;
            }
        }

        // Published consultations whose scheduled runs could be due: open now, or closed or at their deadline recently.
        var horizon = now - o.CatchUpWindow;
        var versions = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.State == VersionState.Published && v.OpensUtc <= now && (v.ClosesUtc > horizon || v.PartnershipDeadlineUtc > horizon))
            .ToListAsync(cancellationToken);
        foreach (var version in versions)
        {
            var slots = CollationSchedule.Slots(version.OpensUtc, version.ClosesUtc, version.PartnershipDeadlineUtc, now, o);
            if (slots.Count == 0)
            {
                continue;
            }

            var earliest = slots.Min(s => s.SlotUtc);
            var runs = await db.CollationRuns.AsNoTracking()
                .Where(r => r.ConsultationId == version.ConsultationId && r.StartedUtc >= earliest)
                .Select(r => new CollationRun { Id = r.Id, Trigger = r.Trigger, Status = r.Status, StartedUtc = r.StartedUtc, FinishedUtc = r.FinishedUtc })
                .ToListAsync(cancellationToken);
            var (due, gaveUp) = CollationSchedule.Evaluate(slots, runs, now, o);
            foreach (var given in gaveUp)
            {
                var lastError = runs.Where(r => r.Trigger == given.Trigger && r.Status == CollationRunStatus.Failed).OrderByDescending(r => r.StartedUtc).Select(r => r.Id).FirstOrDefault();
                await TellAsync(version, given.Trigger, given.SlotUtc, "gave-up", lastError, null, cancellationToken);
            }

            if (due is null)
            {
                continue;
            }

            var result = await runner.RunAsync(version.ConsultationId, due.Trigger, null, progress, cancellationToken);
            if (result.Succeeded)
            {
                succeeded++;
                if (due.Trigger is CollationTrigger.FinalBeforeDeadline or CollationTrigger.AtClose)
                {
                    await TellReadyAsync(version, due.Trigger, due.SlotUtc, result.Run?.ResponsesCounted ?? 0, cancellationToken);
                }

                continue;
            }

            failed++;
            var retryAt = due.Attempt <= o.RetryAttempts ? time.GetUtcNow().UtcDateTime + CollationSchedule.RetryDelay(due.Attempt, o) : (DateTime?)null;
            await TellAsync(version, due.Trigger, due.SlotUtc, "failed", result.Run?.Id ?? Guid.Empty, retryAt, cancellationToken);
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"Collated {succeeded}, failed {failed}.");
        return new JobOutcome(abandoned > 0 ? summary + string.Create(CultureInfo.InvariantCulture, $" Marked {abandoned} abandoned run(s) failed.") : summary);
    }

    /// <summary>Once per scheduled slot and kind of news (first failure, retries used up), even across nodes.</summary>
    private async Task TellAsync(ConsultationVersion version, CollationTrigger trigger, DateTime slotUtc, string what, Guid runId, DateTime? retryAtUtc, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"collation-{what}:{version.ConsultationId}:{trigger}:{slotUtc:O}");
        if (await sent.HasAsync(key, cancellationToken))
        {
            return;
        }

        var error = await db.CollationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Error).SingleOrDefaultAsync(cancellationToken);
        var recipients = await notices.CollationFailedAsync(version.Title, version.ConsultationId, TriggerName(trigger), error ?? "No error was recorded.", retryAtUtc, cancellationToken);
        sent.Record(key, recipients);
        await sent.CommitAsync(cancellationToken);
    }

    /// <summary>Once per final or closing slot, even across nodes: officers learn the draft's evidence is ready.</summary>
    private async Task TellReadyAsync(ConsultationVersion version, CollationTrigger trigger, DateTime slotUtc, int responsesCounted, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"collation-ready:{version.ConsultationId}:{trigger}:{slotUtc:O}");
        if (await sent.HasAsync(key, cancellationToken))
        {
            return;
        }

        sent.Record(key, await notices.CollationReadyAsync(version.Title, version.ConsultationId, TriggerName(trigger), responsesCounted, cancellationToken));
        await sent.CommitAsync(cancellationToken);
    }

    public static string TriggerName(CollationTrigger trigger) => trigger switch
    {
        CollationTrigger.Nightly => "nightly collation",
        CollationTrigger.FinalBeforeDeadline => "final collation before the partnership deadline",
        CollationTrigger.AtClose => "collation at close",
        CollationTrigger.CommandLine => "command-line collation",
        _ => "on-demand collation",
    };
}
