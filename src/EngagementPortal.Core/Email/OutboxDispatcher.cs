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
/// Sends due outbox messages, at most once each (docs/adr/0050). Rows are claimed a few at a time by one conditional
/// UPDATE (Pending → Sending, with this node's lease), which only one node can win for any row on any database; their
/// outcomes are written together, in one transaction whose every UPDATE only the lease holder can make. Claiming and
/// recording a few rows at a time costs two commits per claim instead of two per message: each commit waits for the
/// disk and, on SQLite, holds the single writer's lock that public submits also need. A row found still Sending after
/// its lease expired is in doubt and goes to the dead letters for a person to decide, rather than risk a second copy.
/// </summary>
public sealed class OutboxDispatcher(
    PortalDbContext db,
    IEmailTransport transport,
    OfficerNotices notices,
    IOptions<OutboxOptions> options,
    OutboxNode node,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    DatabaseWriteGate? writeGate = null)
{
    // SQLite has one writer: the dispatcher queues for it in memory behind public submits (DatabaseWriteGate) rather
    // than make them wait in SQLite's busy handler, which sleeps on their threads (docs/adr/0007).

    public const string InDoubtError = "Outcome unknown: the sending node stopped before it recorded the result. The recipient may or may not have it; retry only after checking.";

    public async Task<DispatchSummary> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int inDoubt;
        using (writeGate is null ? null : await writeGate.EnterAsync(cancellationToken))
        {
            var now = Now();
            inDoubt = await db.OutboxMessages
                .Where(m => m.State == OutboxState.Sending && m.LeaseExpiresUtc < now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, OutboxState.DeadLettered)
                    .SetProperty(m => m.LastError, InDoubtError)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseExpiresUtc, (DateTime?)null), cancellationToken);
        }

        int sent = 0, retrying = 0, deadLettered = 0;
        var failedKinds = new List<OutboxMessage>();
        while (sent + retrying + deadLettered < settings.BatchSize && !cancellationToken.IsCancellationRequested)
        {
            var (claimed, leaseUntil) = await ClaimAsync(Math.Min(settings.ClaimSize, settings.BatchSize - (sent + retrying + deadLettered)), cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }

            var outcomes = new List<(OutboxMessage Message, SendResult Result)>();
            foreach (var message in claimed)
            {
                // A send starts only while half the lease is left: the lease is at least twice Email:SendTimeout, so the
                // send ends, and its outcome can be written, before any other node could call the row in doubt.
                if (cancellationToken.IsCancellationRequested || leaseUntil - Now() < settings.LeaseDuration / 2)
                {
                    break;
                }

                // The send is not cancelled with the job: stopping half-way would leave the row in doubt. The transport's own timeout bounds it.
                outcomes.Add((message, await transport.SendAsync(new EmailEnvelope(message.Id, message.To, message.Subject, message.TextBody, message.HtmlBody), CancellationToken.None)));
            }

            var unsent = claimed.Skip(outcomes.Count).ToList();
            foreach (var (message, state) in await RecordAsync(outcomes, unsent))
            {
                switch (state)
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

            // Stopped short (the lease running out, or the job stopping): the rest waits for the next run.
            if (unsent.Count > 0)
            {
                break;
            }
        }

        if (inDoubt + deadLettered > 0)
        {
            await notices.DeliveriesFailingAsync(inDoubt + deadLettered, failedKinds.Concat(await InDoubtRowsAsync(inDoubt, cancellationToken)).ToList(), cancellationToken);
        }

        return new DispatchSummary(sent, retrying, deadLettered, inDoubt);
    }

    /// <summary>
    /// Takes up to <paramref name="count"/> due rows for this node, oldest first. The outer WHERE repeats the due
    /// condition, so a row another node took between the inner SELECT and the UPDATE is left alone on any database.
    /// The rows taken are the ones that carry this node's name and this claim's exact lease time.
    /// </summary>
    private async Task<(List<OutboxMessage> Claimed, DateTime LeaseUntil)> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var now = Now();
        var leaseUntil = now + options.Value.LeaseDuration;
        int claimed;
        using (writeGate is null ? null : await writeGate.EnterAsync(cancellationToken))
        {
            var due = db.OutboxMessages
                .Where(m => m.State == OutboxState.Pending && m.NextAttemptUtc <= now)
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(count);
            claimed = await db.OutboxMessages
                .Where(m => m.State == OutboxState.Pending && m.NextAttemptUtc <= now && due.Contains(m.Id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, OutboxState.Sending)
                    .SetProperty(m => m.LeaseOwner, node.Name)
                    .SetProperty(m => m.LeaseExpiresUtc, leaseUntil)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }

        return claimed == 0
            ? ([], leaseUntil)
            : (await db.OutboxMessages.AsNoTracking()
                .Where(m => m.State == OutboxState.Sending && m.LeaseOwner == node.Name && m.LeaseExpiresUtc == leaseUntil)
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
                .ToListAsync(cancellationToken), leaseUntil);
    }

    /// <summary>
    /// Writes a claim's outcomes in one transaction, and hands back the rows it did not get to (the lease running
    /// out, or the job stopping) as they were, without counting the attempt. Every UPDATE is conditional on this node
    /// still holding the lease; CancellationToken.None because an outcome not written is a row in doubt.
    /// </summary>
    private async Task<List<(OutboxMessage Message, OutboxState State)>> RecordAsync(List<(OutboxMessage Message, SendResult Result)> outcomes, List<OutboxMessage> unsent)
    {
        var now = Now();
        var settings = options.Value;
        var recorded = new List<(OutboxMessage Message, OutboxState State)>();
        using var passage = writeGate is null ? null : await writeGate.EnterAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        foreach (var (message, result) in outcomes)
        {
            var (state, error, next, providerId) = result switch
            {
                SendResult.Sent s => (OutboxState.Sent, (string?)null, message.NextAttemptUtc, s.ProviderMessageId),
                SendResult.TransientFailure f when message.Attempts < settings.MaxAttempts => (OutboxState.Pending, f.Error, now + RetryDelay(message.Attempts, f.RetryAfter), null),
                SendResult.TransientFailure f => (OutboxState.DeadLettered, $"Gave up after {message.Attempts} attempts. {f.Error}", message.NextAttemptUtc, null),
                SendResult.PermanentFailure f => (OutboxState.DeadLettered, f.Error, message.NextAttemptUtc, null),
                _ => throw new InvalidOperationException($"Unknown send result {result}."),
            };
            error = error is { Length: > 2000 } ? error[..2000] : error;

            var written = await HeldByThisNode(message)
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

            recorded.Add((message, state));
        }

        foreach (var message in unsent)
        {
            await HeldByThisNode(message)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, OutboxState.Pending)
                    .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseExpiresUtc, (DateTime?)null), CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return recorded;
    }

    private IQueryable<OutboxMessage> HeldByThisNode(OutboxMessage message) =>
        db.OutboxMessages.Where(m => m.Id == message.Id && m.State == OutboxState.Sending && m.LeaseOwner == node.Name);

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
