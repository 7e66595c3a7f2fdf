using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Audit;

/// <summary>Writes and reads the audit log. <see cref="Record"/> joins the caller's unit of work, so the entry
/// commits with the change it describes; <see cref="RecordNowAsync"/> saves at once, for events with no
/// other change (a failed sign-in).</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider time)
{
    public const int PageSize = 50;

    public AuditEntry Record(string action, Guid? actorId, string actor, string? subject = null, string? detail = null, string? ipAddress = null)
    {
        var entry = new AuditEntry
        {
            OccurredUtc = time.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            Actor = Truncate(actor, 320)!,
            Action = action,
            Subject = Truncate(subject, 500),
            Detail = Truncate(detail, 2000),
            IpAddress = Truncate(ipAddress, 64),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task RecordNowAsync(string action, Guid? actorId, string actor, string? subject = null, string? detail = null, string? ipAddress = null, CancellationToken cancellationToken = default)
    {
        Record(action, actorId, actor, subject, detail, ipAddress);
        await db.SaveChangesAsync(cancellationToken);
    }

    public sealed record Filter(string? Action = null, string? Search = null, int Page = 1);

    public sealed record Page(IReadOnlyList<AuditEntry> Entries, int Total, int PageNumber, int PageCount);

    /// <summary>Newest first, one page at a time; search matches the actor or the subject.</summary>
    public async Task<Page> ListAsync(Filter filter, CancellationToken cancellationToken = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(e => EF.Functions.Like(e.Actor, "%" + term + "%") || (e.Subject != null && EF.Functions.Like(e.Subject, "%" + term + "%")));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new Page(entries, total, page, pageCount);
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
