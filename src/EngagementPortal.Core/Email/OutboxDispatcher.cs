using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email.Transports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email;

/// <summary>What one dispatch run did.</summary>
public sealed record DispatchSummary(int Sent, int Retrying, int DeadLettered, int InDoubt);

/// <summary>This process's name in outbox leases (several nodes may share one database).</summary>
public sealed record OutboxNode(string Name)
{
    public static OutboxNode ForThisProcess() => new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
}

/// <summary>
/// Sends due outbox messages, at most once each (docs/adr/0050). A row is claimed by one conditional UPDATE
/// (Pending → Sending, with this node's lease), which only one node can win on any database; the outcome is written
/// with a second conditional UPDATE that only the lease holder can make. A row found still Sending after its lease
/// expired is in doubt and goes to the dead letters for a person to decide, rather than risk a second copy.
/// </summary>
public sealed class OutboxDispatcher(
    PortalDbContext db,
    IEmailTransport transport,
    OfficerNotices notices,
    IOptions<OutboxOptions> options,
    OutboxNode node,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    public const string InDoubtError = "Outcome unknown: the sending node stopped before it recorded the result. The recipient may or may not have it; retry only after checking.";

    public async Task<DispatchSummary> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Now();
        var inDoubt = await db.OutboxMessages
            .Where(m => m.State == OutboxState.Sending && m.LeaseExpiresUtc < now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.DeadLettered)
                .SetProperty(m => m.LastError, InDoubtError)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresUtc, (DateTime?)null), cancellationToken);

        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptUtc <= now)
            .OrderBy(m => m.NextAttemptUtc)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        int sent = 0, retrying = 0, deadLettered = 0;
        var failedKinds = new List<OutboxMessage>();
        foreach (var id in due)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var message = await ClaimAsync(id, cancellationToken);
            if (message is null)
            {
                continue;
            }

            // The send is not cancelled with the job: stopping half-way would leave the row in doubt. The transport's own timeout bounds it.
            var result = await transport.SendAsync(new EmailEnvelope(message.Id, message.To, message.Subject, message.TextBody, message.HtmlBody), CancellationToken.None);
            switch (await RecordAsync(message, result))
            {
                case OutboxState.Sent:
                    sent++;
                    break;
                case OutboxState.Pending:
                    retrying++;
                    break;
                case OutboxState.DeadLettered:
                    deadLettered++;
                    failedKinds.Add(message);
                    break;
            }
        }

        if (inDoubt + deadLettered > 0)
        {
            await notices.DeliveriesFailingAsync(inDoubt + deadLettered, failedKinds.Concat(await InDoubtRowsAsync(inDoubt, cancellationToken)).ToList(), cancellationToken);
        }

        return new DispatchSummary(sent, retrying, deadLettered, inDoubt);
    }

    /// <summary>Takes the row for this node if no one else has: the WHERE clause makes the claim atomic on any database.</summary>
    private async Task<OutboxMessage?> ClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = Now();
        var leaseUntil = now + options.Value.LeaseDuration;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.State == OutboxState.Pending && m.NextAttemptUtc <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Sending)
                .SetProperty(m => m.LeaseOwner, node.Name)
                .SetProperty(m => m.LeaseExpiresUtc, leaseUntil)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        return claimed == 1
            ? await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken)
            : null;
    }

    private async Task<OutboxState> RecordAsync(OutboxMessage message, SendResult result)
    {
        var now = Now();
        var settings = options.Value;
        var (state, error, next, providerId) = result switch
        {
            SendResult.Sent s => (OutboxState.Sent, (string?)null, message.NextAttemptUtc, s.ProviderMessageId),
            SendResult.TransientFailure f when message.Attempts < settings.MaxAttempts => (OutboxState.Pending, f.Error, now + RetryDelay(message.Attempts, f.RetryAfter), null),
            SendResult.TransientFailure f => (OutboxState.DeadLettered, $"Gave up after {message.Attempts} attempts. {f.Error}", message.NextAttemptUtc, null),
            SendResult.PermanentFailure f => (OutboxState.DeadLettered, f.Error, message.NextAttemptUtc, null),
            _ => throw new InvalidOperationException($"Unknown send result {result}."),
        };
        error = error is { Length: > 2000 } ? error[..2000] : error;

        // Only the lease holder may record; CancellationToken.None because an outcome not written is a row in doubt.
        var written = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.State == OutboxState.Sending && m.LeaseOwner == node.Name)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, state)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.SentUtc, state == OutboxState.Sent ? now : null)
                .SetProperty(m => m.ProviderMessageId, providerId)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresUtc, (DateTime?)null), CancellationToken.None);
        if (written == 0)
        {
            logger.LogError("Outbox message {Id} was sent ({Result}) but its lease had been lost, so the outcome was not recorded.", message.Id, result);
        }
        else if (state == OutboxState.DeadLettered)
        {
            logger.LogWarning("Outbox message {Id} ({Kind}) dead-lettered: {Error}", message.Id, message.Kind, error);
        }

        return state;
    }

    /// <summary>Exponential: the first retry after <see cref="OutboxOptions.FirstRetryDelay"/>, doubling, capped; a provider's Retry-After wins when longer.</summary>
    public TimeSpan RetryDelay(int attemptsMade, TimeSpan? retryAfter = null)
    {
        var settings = options.Value;
        var exponent = Math.Min(Math.Max(attemptsMade - 1, 0), 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.FirstRetryDelay.Ticks * Math.Pow(2, exponent), settings.MaxRetryDelay.Ticks));
        return retryAfter is { } wait && wait > delay ? wait : delay;
    }

    private async Task<List<OutboxMessage>> InDoubtRowsAsync(int count, CancellationToken cancellationToken) =>
        count == 0
            ? []
            : await db.OutboxMessages.AsNoTracking().Where(m => m.State == OutboxState.DeadLettered && m.LastError == InDoubtError).OrderByDescending(m => m.CreatedUtc).Take(count).ToListAsync(cancellationToken);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
