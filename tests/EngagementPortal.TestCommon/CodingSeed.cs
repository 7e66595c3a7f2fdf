using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;

namespace EngagementPortal.TestCommon;

/// <summary>What coding, dashboard and export tests seed straight into the tables: a published back-office
/// consultation with the questions a test names, and response rows as the journey and keying-in store them.
/// Shared by Core.Tests (services) and Web.Tests (pages), which each keep their own questions.</summary>
public static class CodingSeed
{
    /// <summary>A published consultation of its own (a fresh slug), open between the dates given.</summary>
    public static async Task<Guid> ConsultationAsync(PortalDbContext db, IReadOnlyList<Question> questions, DateTime opensUtc, DateTime closesUtc, DateTime? deadlineUtc = null, DateTime? createdUtc = null)
    {
        var id = Guid.NewGuid();
        var created = createdUtc ?? opensUtc;
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            Number = 1,
            State = VersionState.Published,
            Title = "Community services review",
            Summary = "How community services should work.",
            Body = "More care closer to home.",
            ContentHash = "hash",
            Questions = [.. questions],
            CreatedUtc = created,
            PublishedUtc = created,
        };
        version.AuthoredOpensUtc = opensUtc;
        version.AuthoredClosesUtc = closesUtc;
        version.AuthoredPartnershipDeadlineUtc = deadlineUtc;
        version.ApplyDemoShift(0);
        db.Consultations.Add(new Consultation { Id = id, Slug = "review-" + id.ToString("N")[..8], Origin = ContentOrigin.BackOffice, CreatedUtc = created, Versions = [version] });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>A response row (not yet added) with a reference and idempotency key of its own; the caller adds answers.</summary>
    public static Response Response(
        PortalDbContext db,
        Guid consultationId,
        DateTime submittedUtc,
        RespondentType type = RespondentType.Individual,
        ResponseChannel channel = ResponseChannel.Online,
        ModerationState moderation = ModerationState.None)
    {
        var id = Guid.NewGuid();
        return new Response
        {
            Id = id,
            ConsultationId = consultationId,
            ConsultationVersionId = db.ConsultationVersions.Where(v => v.ConsultationId == consultationId).Select(v => v.Id).First(),
            Reference = "T-" + id.ToString("N")[..10].ToUpperInvariant(),
            IdempotencyKey = id.ToString("N"),
            RespondentType = type,
            Channel = channel,
            ModerationState = moderation,
            SubmittedUtc = submittedUtc,
            UpdatedUtc = submittedUtc,
        };
    }
}
