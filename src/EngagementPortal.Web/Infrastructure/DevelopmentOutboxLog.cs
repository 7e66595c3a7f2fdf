using EngagementPortal.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>In Development only: every message added to the outbox is written to the log when it is saved, so the
/// save-and-return link and the receipt can be read before the email issue's dispatcher and "sent mail" page exist.
/// Never registered elsewhere: the bodies hold personal data and live links.</summary>
public sealed partial class DevelopmentOutboxLog(ILogger<DevelopmentOutboxLog> logger) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added))
            {
                var message = entry.Entity;
                Queued(logger, message.Kind, message.To, message.Subject, message.TextBody);
            }
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox (Development): {Kind} to {To}: {Subject}\n{Text}")]
    private static partial void Queued(ILogger logger, string kind, string to, string subject, string text);
}
