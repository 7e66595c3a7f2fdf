using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Jobs;

/// <summary>The record of notices already sent (see <see cref="SentNotice"/>).</summary>
public sealed class SentNotices(PortalDbContext db, TimeProvider time)
{
    public Task<bool> HasAsync(string key, CancellationToken cancellationToken) =>
        db.SentNotices.AnyAsync(n => n.Key == key, cancellationToken);

    public Task<SentNotice?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.SentNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, cancellationToken);

    /// <summary>Adds the record to the unit of work; saved with the notice's outbox rows.</summary>
    public void Record(string key, int recipients) =>
        db.SentNotices.Add(new SentNotice { Key = key, SentUtc = time.GetUtcNow().UtcDateTime, Recipients = recipients });

    /// <summary>Saves the notice and its emails together. Another node that recorded the same key first wins: this
    /// node's emails are discarded with its insert, and the notice counts as already sent.</summary>
    public async Task<bool> CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
