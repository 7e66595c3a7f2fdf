using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Responses;

public enum ResumeOutcome
{
    Resumed,
    NotFound,
    Used,
    Expired,
}

public sealed record ResumeResult(ResumeOutcome Outcome, string? JourneyToken = null);

/// <summary>The link was queued (<see cref="ExpiresUtc"/> says until when it works), or the address was refused and
/// nothing was stored.</summary>
public sealed record SendLinkResult(EnqueueOutcome Outcome, DateTime? ExpiresUtc);

/// <summary>"Save and come back later": a single-use link by email, and its redemption on any device.</summary>
public sealed class SaveAndReturn(PortalDbContext db, EmailOutbox outbox, TimeProvider time, IOptions<ResponseOptions> options)
{
    /// <summary>Queues the link in the outbox and stores its hash, in one save; an address the outbox refuses stores nothing.</summary>
    public async Task<SendLinkResult> SendLinkAsync(ResponseJourney journey, ConsultationVersion version, string email, string baseUrl, CancellationToken cancellationToken = default)
    {
        if (!EmailAddresses.IsValid(email))
        {
            return new(EnqueueOutcome.InvalidAddress, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var token = Tokens.New();
        var expires = Min(now.AddDays(options.Value.SaveAndReturnDays), version.ClosesUtc);
        db.SaveAndReturnLinks.Add(new SaveAndReturnLink
        {
            Id = Guid.NewGuid(),
            JourneyId = journey.Id,
            TokenHash = Tokens.Hash(token),
            CreatedUtc = now,
            ExpiresUtc = expires,
        });
        var link = $"{baseUrl}/consultations/{version.Consultation.Slug}/respond/resume/{token}";
        var message = ReceiptEmail.SaveAndReturn(version, link, expires);
        outbox.Enqueue(ReceiptEmail.SaveAndReturnKind, email, message.Subject, message.Text, message.Html, journey.Id.ToString(), version.ConsultationId);
        await db.SaveChangesAsync(cancellationToken);
        return new(EnqueueOutcome.Queued, expires);
    }

    /// <summary>Uses the link once: the journey gets a fresh cookie token for this browser, and the link dies.</summary>
    public async Task<ResumeResult> ResumeAsync(string token, Guid consultationId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new(ResumeOutcome.NotFound);
        }

        var hash = Tokens.Hash(token);
        var link = await db.SaveAndReturnLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var journey = link is null ? null : await db.ResponseJourneys.SingleOrDefaultAsync(j => j.Id == link.JourneyId && j.ConsultationId == consultationId, cancellationToken);
        if (link is null || journey is null)
        {
            return new(ResumeOutcome.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (link.UsedUtc is not null)
        {
            return new(ResumeOutcome.Used);
        }

        if (link.ExpiresUtc <= now || journey.ExpiresUtc <= now)
        {
            return new(ResumeOutcome.Expired);
        }

        // Conditional update: of two clicks at once, only one finds the link unused.
        var claimed = await db.SaveAndReturnLinks.Where(l => l.Id == link.Id && l.UsedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return new(ResumeOutcome.Used);
        }

        var journeyToken = Tokens.New();
        journey.TokenHash = Tokens.Hash(journeyToken);
        journey.Revision++;
        journey.UpdatedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return new(ResumeOutcome.Resumed, journeyToken);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
