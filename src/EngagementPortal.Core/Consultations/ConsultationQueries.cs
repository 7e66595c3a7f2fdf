using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Consultations;

/// <summary>What the public pages read: published versions only.</summary>
public sealed class ConsultationQueries(PortalDbContext db, TimeProvider time)
{
    public static readonly TimeSpan RecentlyClosedWindow = TimeSpan.FromDays(90);

    public sealed record Listing(IReadOnlyList<ConsultationVersion> Open, IReadOnlyList<ConsultationVersion> Upcoming, IReadOnlyList<ConsultationVersion> RecentlyClosed);

    public async Task<Listing> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var closedSince = now - RecentlyClosedWindow;
        var versions = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.State == VersionState.Published && v.ClosesUtc > closedSince)
            .Where(v => (v.PublishAtUtc == null || v.PublishAtUtc <= now) && (v.UnpublishAtUtc == null || now < v.UnpublishAtUtc))
            .ToListAsync(cancellationToken);
        return new Listing(
            [.. versions.Where(v => v.PhaseAt(now) == ConsultationPhase.Open).OrderBy(v => v.ClosesUtc)],
            [.. versions.Where(v => v.PhaseAt(now) == ConsultationPhase.Upcoming).OrderBy(v => v.OpensUtc)],
            [.. versions.Where(v => v.PhaseAt(now) == ConsultationPhase.Closed).OrderByDescending(v => v.ClosesUtc)]);
    }

    /// <summary>The version the public sees now: published, and inside its publish/unpublish schedule.</summary>
    public Task<ConsultationVersion?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => (v.PublishAtUtc == null || v.PublishAtUtc <= now) && (v.UnpublishAtUtc == null || now < v.UnpublishAtUtc))
            .SingleOrDefaultAsync(v => v.Consultation.Slug == slug && v.State == VersionState.Published, cancellationToken);
    }

    /// <summary>Any version of the consultation at this address (drafts included), for staff previews.</summary>
    public Task<ConsultationVersion?> FindVersionAsync(string slug, Guid versionId, CancellationToken cancellationToken = default) =>
        db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .SingleOrDefaultAsync(v => v.Id == versionId && v.Consultation.Slug == slug, cancellationToken);
}
