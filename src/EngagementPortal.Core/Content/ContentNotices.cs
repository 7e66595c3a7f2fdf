using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Content;

/// <summary>One notice as the back office lists it, with the consultation's title (its newest version's).</summary>
public sealed record ContentNoticeRow(Guid Id, Guid ConsultationId, string ConsultationTitle, ContentChangeKind Kind, string Message, DateTime CreatedUtc, DateTime? AcknowledgedUtc);

public sealed record ContentStatusOverview(ContentSyncStatus? Umbraco, IReadOnlyList<ContentNoticeRow> Open, IReadOnlyList<ContentNoticeRow> RecentlyAcknowledged);

public enum AcknowledgeOutcome
{
    Acknowledged,
    AlreadyAcknowledged,
    NotFound,
}

/// <summary>What officers read about an external content source: how the last sync went (content_sync_status) and
/// the changes they must know about (content_change_notices), which they acknowledge once dealt with.</summary>
public sealed class ContentNotices(PortalDbContext db, TimeProvider time)
{
    public const int RecentlyAcknowledgedShown = 20;

    public async Task<ContentStatusOverview> ReadAsync(CancellationToken cancellationToken = default)
    {
        var status = await db.ContentSyncStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.Source == ContentSyncStatus.UmbracoSource, cancellationToken);
        var open = await RowsAsync(db.ContentChangeNotices.Where(n => n.AcknowledgedUtc == null).OrderByDescending(n => n.CreatedUtc), cancellationToken);
        var acknowledged = await RowsAsync(db.ContentChangeNotices.Where(n => n.AcknowledgedUtc != null).OrderByDescending(n => n.AcknowledgedUtc).Take(RecentlyAcknowledgedShown), cancellationToken);
        return new(status, open, acknowledged);
    }

    public Task<int> CountOpenAsync(CancellationToken cancellationToken = default) =>
        db.ContentChangeNotices.CountAsync(n => n.AcknowledgedUtc == null, cancellationToken);

    public async Task<AcknowledgeOutcome> AcknowledgeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var notice = await db.ContentChangeNotices.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return AcknowledgeOutcome.NotFound;
        }

        if (notice.AcknowledgedUtc is not null)
        {
            return AcknowledgeOutcome.AlreadyAcknowledged;
        }

        notice.AcknowledgedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return AcknowledgeOutcome.Acknowledged;
    }

    private static async Task<IReadOnlyList<ContentNoticeRow>> RowsAsync(IQueryable<ContentChangeNotice> notices, CancellationToken cancellationToken)
    {
        var rows = await notices.AsNoTracking()
            .Select(n => new
            {
                n.Id,
                n.ConsultationId,
                Title = n.Consultation.Versions.Where(v => v.State != VersionState.Superseded).OrderByDescending(v => v.Number).Select(v => v.Title).FirstOrDefault(),
                n.Consultation.Slug,
                n.Kind,
                n.Message,
                n.CreatedUtc,
                n.AcknowledgedUtc,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ContentNoticeRow(r.Id, r.ConsultationId, r.Title ?? r.Slug, r.Kind, r.Message, r.CreatedUtc, r.AcknowledgedUtc))];
    }
}
