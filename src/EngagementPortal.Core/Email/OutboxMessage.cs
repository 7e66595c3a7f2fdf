namespace EngagementPortal.Core.Email;

public enum OutboxState
{
    Pending,

    /// <summary>Claimed by a node that is handing it to the transport now. A row left here after its lease
    /// expired is in doubt (the node stopped mid-send) and is dead-lettered, never resent by itself (docs/adr/0050).</summary>
    Sending,
    Sent,
    DeadLettered,
}

/// <summary>
/// An email waiting to be sent, written in the same transaction as its cause (a response, a saved journey,
/// an invitation), so a message exists exactly when its cause does. The dispatch job sends it under a lease
/// and records the outcome; each row is sent at most once.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>What the message is ("response-receipt", "save-and-return"): for the officers' view and tests.</summary>
    public required string Kind { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public required string HtmlBody { get; set; }

    /// <summary>What caused it (a response reference, say), for finding a message without reading bodies.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The consultation the message is about, so retention can erase it with the consultation's other personal data.</summary>
    public Guid? ConsultationId { get; set; }

    public OutboxState State { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Not before this instant (backoff after a failure).</summary>
    public DateTime NextAttemptUtc { get; set; }

    /// <summary>The node holding the lease, and until when; another node may take the row only after it expires.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresUtc { get; set; }

    public DateTime? SentUtc { get; set; }

    public string? LastError { get; set; }

    /// <summary>The transport's own id for the sent message, when it gives one.</summary>
    public string? ProviderMessageId { get; set; }
}
