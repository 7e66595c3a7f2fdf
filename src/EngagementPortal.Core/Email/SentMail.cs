using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Email;

/// <summary>A row of the sent mail page: no bodies, which may hold a respondent's answers.</summary>
public sealed record SentMailRow(Guid Id, string Kind, string To, string Subject, OutboxState State, int Attempts, DateTime CreatedUtc, DateTime? SentUtc, DateTime NextAttemptUtc, string? LastError);

public sealed record SentMailPage(IReadOnlyList<SentMailRow> Rows, int Total, int Page, int PageSize, IReadOnlyDictionary<OutboxState, int> Counts);

public enum RetryResult
{
    Queued,
    NotFound,
    NotDeadLettered,
}

/// <summary>What /backoffice/mail reads and does: the outbox newest first, by state, and "retry" for dead letters.</summary>
public sealed class SentMail(PortalDbContext db, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<SentMailPage> ListAsync(OutboxState? state, int page, CancellationToken cancellationToken)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (state is { } only)
        {
            query = query.Where(m => m.State == only);
        }

        page = Math.Max(page, 1);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(m => m.CreatedUtc).ThenBy(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new SentMailRow(m.Id, m.Kind, m.To, m.Subject, m.State, m.Attempts, m.CreatedUtc, m.SentUtc, m.NextAttemptUtc, m.LastError))
            .ToListAsync(cancellationToken);
        var counts = await db.OutboxMessages.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new SentMailPage(rows, total, page, PageSize, counts);
    }

    /// <summary>A person decided to try again: the row starts afresh (attempts reset) and the next dispatch sends it.</summary>
    public async Task<RetryResult> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages
            .Where(m => m.Id == id && m.State == OutboxState.DeadLettered)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptUtc, now)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresUtc, (DateTime?)null), cancellationToken);
        if (changed == 1)
        {
            return RetryResult.Queued;
        }

        return await db.OutboxMessages.AnyAsync(m => m.Id == id, cancellationToken) ? RetryResult.NotDeadLettered : RetryResult.NotFound;
    }
}
