namespace EngagementPortal.Core.Email.Transports;

/// <summary>One message as a transport sees it; <see cref="Id"/> is the outbox row's id, passed on as the provider's reference.</summary>
public sealed record EmailEnvelope(Guid Id, string To, string Subject, string TextBody, string HtmlBody);

/// <summary>What happened to one send. Failures are expected, so they are results, not exceptions.</summary>
public abstract record SendResult
{
    /// <summary>The provider took the message.</summary>
    public sealed record Sent(string? ProviderMessageId) : SendResult;

    /// <summary>Not sent this time, worth trying again (rate limit, server error, connection refused).</summary>
    public sealed record TransientFailure(string Error, TimeSpan? RetryAfter = null) : SendResult;

    /// <summary>Never going to work as it stands (bad address, rejected key, invalid request).</summary>
    public sealed record PermanentFailure(string Error) : SendResult;
}

/// <summary>Hands one message to a mail system. Implementations never throw for a failed send.</summary>
public interface IEmailTransport
{
    /// <summary>The name shown to officers ("Pickup", "Smtp", ...).</summary>
    string Name { get; }

    Task<SendResult> SendAsync(EmailEnvelope message, CancellationToken cancellationToken);
}
