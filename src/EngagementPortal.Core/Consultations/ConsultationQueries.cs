using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Consultations;

/// <summary>What the public pages read: published versions only.</summary>
public sealed class ConsultationQueries(PortalDbContext db, TimeProvider time, PublishedVersions? published = null)
{
    public static readonly TimeSpan RecentlyClosedWindow = TimeSpan.FromDays(90);

    public sealed record Listing(IReadOnlyList<ConsultationVersion> Open, IReadOnlyList<ConsultationVersion> Upcoming, IReadOnlyList<ConsultationVersion> RecentlyClosed);

    public async Task<Listing> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var closedSince = now - RecentlyClosedWindow;
        var versions = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.State == VersionState.Published && v.ClosesUtc > closedSince && v.Consultation.UnpublishedUtc == null)
            .Where(Scheduled(now))
            .ToListAsync(cancellationToken);
        return new Listing(
            [.. versions.Where(v => v.PhaseAt(now) == ConsultationPhase.Open).OrderBy(v => v.ClosesUtc)],
            [.. versions.Where(v => v.PhaseAt(now) == ConsultationPhase.Upcoming).OrderBy(v => v.OpensUtc)],
            [.. versions.Where(v => v.PhaseAt(now) == ConsultationPhase.Closed).OrderByDescending(v => v.ClosesUtc)]);
    }

    /// <summary>The published version of a consultation that still takes part: null when there is none, when its
    /// source withdrew it (then it takes no responses, so journeys that start here refuse it), or when its
    /// publish/unpublish schedule keeps it off the site now (docs/adr/0064).</summary>
    public Task<ConsultationVersion?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default) =>
        FindAsync(slug, includeWithdrawn: false, cancellationToken);

    /// <summary>The published version for the public page, withdrawn or not: a withdrawn consultation's page says so
    /// (links to it are printed) instead of disappearing; check <see cref="Consultation.UnpublishedUtc"/>. A version
    /// outside its back-office schedule is not shown at all.</summary>
    public Task<ConsultationVersion?> FindForDisplayAsync(string slug, CancellationToken cancellationToken = default) =>
        FindAsync(slug, includeWithdrawn: true, cancellationToken);

    /// <summary>Which version it is comes from the stamps <see cref="PublishedVersions"/> keeps (or the database when
    /// there is no cache), compared with the clock now; its content then comes from memory.</summary>
    private async Task<ConsultationVersion?> FindAsync(string slug, bool includeWithdrawn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Built only when asked for: touching a DbSet starts the context's services, which a cached stamp never needs.
        IQueryable<ConsultationVersion> Candidates() => db.ConsultationVersions.Where(v => v.Consultation.Slug == slug && v.State == VersionState.Published);
        if (published is null)
        {
            return await Candidates().Where(Scheduled(now)).Where(v => includeWithdrawn || v.Consultation.UnpublishedUtc == null)
                .AsNoTracking().Include(v => v.Consultation).SingleOrDefaultAsync(cancellationToken);
        }

        var stamps = await published.StampsAsync(slug, () => Candidates()
            .Select(v => new PublishedVersions.Stamp(v.Id, v.ContentHash, v.DemoShiftDays, v.PublishAtUtc, v.UnpublishAtUtc, v.Consultation.UnpublishedUtc))
            .ToListAsync(cancellationToken));
        var stamp = stamps.SingleOrDefault(s => s.IsScheduledAt(now) && (includeWithdrawn || s.WithdrawnUtc is null));
        return stamp is null
            ? null
            : await published.GetAsync(stamp, id => db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation).SingleOrDefaultAsync(v => v.Id == id, cancellationToken));
    }

    /// <summary>Inside its scheduled publish/unpublish instants (both optional), compared with the clock on every read.</summary>
    private static System.Linq.Expressions.Expression<Func<ConsultationVersion, bool>> Scheduled(DateTime now) =>
        v => (v.PublishAtUtc == null || v.PublishAtUtc <= now) && (v.UnpublishAtUtc == null || now < v.UnpublishAtUtc);

    /// <summary>Any version of the consultation at this address (drafts included), for staff previews.</summary>
    public Task<ConsultationVersion?> FindVersionAsync(string slug, Guid versionId, CancellationToken cancellationToken = default) =>
        db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .SingleOrDefaultAsync(v => v.Id == versionId && v.Consultation.Slug == slug, cancellationToken);
}
