using System.Runtime.CompilerServices;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementPortal.Core.Consultations;

/// <summary>Tells <see cref="PublishedVersions"/> when this process saves a change to a consultation or one of its
/// versions (publishing, a schedule, a withdrawal, an Umbraco sync), so the public pages see it on the next request.
/// Every such write goes through the change tracker; a bulk ExecuteUpdate on these tables would not be seen.</summary>
public sealed class ConsultationChangeSignal(PublishedVersions published) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return Task.CompletedTask;
    }

    // Before the save and again after it, so a page that read the old rows while the save ran is not kept.
    private void Before(DbContext? context)
    {
        if (context is PortalDbContext && context.ChangeTracker.Entries().Any(e =>
            e.Entity is Consultation or ConsultationVersion && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            saving.AddOrUpdate(context, this);
            published.ConsultationsChanged();
        }
    }

    private void After(DbContext? context)
    {
        if (context is not null && saving.Remove(context))
        {
            published.ConsultationsChanged();
        }
    }
}
