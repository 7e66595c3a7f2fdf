using EngagementPortal.Core.Data;

namespace EngagementPortal.Core.Email;

/// <summary>Adds messages to the outbox inside the caller's unit of work: nothing is saved here, so the message
/// commits or rolls back with its cause.</summary>
public sealed class EmailOutbox(PortalDbContext db, TimeProvider time)
{
    public OutboxMessage Enqueue(string kind, string to, string subject, string textBody, string htmlBody, string? correlationId = null, Guid? consultationId = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            To = to,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            CorrelationId = correlationId,
            ConsultationId = consultationId,
            State = OutboxState.Pending,
            CreatedUtc = now,
            NextAttemptUtc = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
