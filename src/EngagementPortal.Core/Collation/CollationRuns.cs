using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Collation;

public enum CollateNowResult
{
    Queued,

    /// <summary>A collation of this consultation is already queued or running: that one is shown instead.</summary>
    AlreadyUnderWay,
    UnknownConsultation,
}

/// <summary>One run as the back office lists it (the snapshot itself is read only when needed).</summary>
public sealed record CollationRunSummary(Guid Id, CollationTrigger Trigger, CollationRunStatus Status, DateTime StartedUtc, DateTime? FinishedUtc, int ProgressPercent, int ResponsesCounted, string? ContentHash, string? Error);

/// <summary>The runs of a consultation: "collate now" queues one for the collation job; the back office lists them.</summary>
public sealed class CollationRuns(PortalDbContext db, TimeProvider time)
{
    /// <summary>Queues an on-demand run unless one is already queued or running (the job picks it up within a minute,
    /// or at once when the caller also asks the scheduler to run the job now).</summary>
    public async Task<(CollateNowResult Result, Guid RunId)> CollateNowAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == consultationId, cancellationToken))
        {
            return (CollateNowResult.UnknownConsultation, Guid.Empty);
        }

        var underWay = await db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && (r.Status == CollationRunStatus.Queued || r.Status == CollationRunStatus.Running))
            .OrderByDescending(r => r.StartedUtc)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (underWay is { } existing)
        {
            return (CollateNowResult.AlreadyUnderWay, existing);
        }

        var run = new CollationRun
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            Trigger = CollationTrigger.OnDemand,
            Status = CollationRunStatus.Queued,
            StartedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.CollationRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return (CollateNowResult.Queued, run.Id);
    }

    public Task<List<CollationRunSummary>> ListAsync(Guid consultationId, int take, CancellationToken cancellationToken) =>
        db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId)
            .OrderByDescending(r => r.StartedUtc)
            .Take(take)
            .Select(r => new CollationRunSummary(r.Id, r.Trigger, r.Status, r.StartedUtc, r.FinishedUtc, r.ProgressPercent, r.ResponsesCounted, r.ContentHash, r.Error))
            .ToListAsync(cancellationToken);

    public Task<CollationRunSummary?> FindAsync(Guid consultationId, Guid runId, CancellationToken cancellationToken) =>
        db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.Id == runId)
            .Select(r => new CollationRunSummary(r.Id, r.Trigger, r.Status, r.StartedUtc, r.FinishedUtc, r.ProgressPercent, r.ResponsesCounted, r.ContentHash, r.Error))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The newest successful run's snapshot, or null before the first.</summary>
    public async Task<(CollationRunSummary Run, CollationSnapshot Snapshot)?> LatestSnapshotAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var run = await db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.Status == CollationRunStatus.Succeeded && r.SnapshotJson != null)
            .OrderByDescending(r => r.FinishedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        var summary = new CollationRunSummary(run.Id, run.Trigger, run.Status, run.StartedUtc, run.FinishedUtc, run.ProgressPercent, run.ResponsesCounted, run.ContentHash, run.Error);
        return (summary, SnapshotJson.Deserialize(run.SnapshotJson!));
    }
}
