using EngagementPortal.Core.Data;

namespace EngagementPortal.Core.Email;

public enum EnqueueOutcome
{
    Queued,

    /// <summary>The address fails <see cref="EmailAddresses.IsValid"/>: nothing was queued.</summary>
    InvalidAddress,
}

/// <summary>What <see cref="EmailOutbox.Enqueue(string, string, string, string, string, string?, Guid?)"/> did;
/// <see cref="Message"/> is the queued row when it was queued.</summary>
public sealed record EnqueueResult(EnqueueOutcome Outcome, OutboxMessage? Message)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Message))]
    public bool Queued => Outcome == EnqueueOutcome.Queued;
}

/// <summary>Adds messages to the outbox inside the caller's unit of work: nothing is saved here, so the message
/// commits or rolls back with its cause. An invalid address is refused with a result, never queued to fail later.</summary>
public sealed class EmailOutbox(PortalDbContext db, TimeProvider time)
{
    public EnqueueResult Enqueue(string kind, string to, string subject, string textBody, string htmlBody, string? correlationId = null, Guid? consultationId = null)
    {
        if (!EmailAddresses.IsValid(to))
        {
            return new(EnqueueOutcome.InvalidAddress, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), // time-ordered (docs/adr/0152)
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
        return new(EnqueueOutcome.Queued, message);
    }

    /// <summary>Queues a message rendered with <see cref="EmailLayout"/> (plain text and NHS-style HTML).</summary>
    public EnqueueResult Enqueue(string kind, string to, RenderedEmail email, string? correlationId = null, Guid? consultationId = null) =>
        Enqueue(kind, to, email.Subject, email.TextBody, email.HtmlBody, correlationId, consultationId);
}
