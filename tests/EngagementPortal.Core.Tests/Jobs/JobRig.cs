using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.Time;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Jobs;

/// <summary>A real SQLite database with published consultations, a clock the test moves, and two officers.</summary>
public sealed class JobRig : IDisposable
{
    public TestDatabase Database { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    public EmailOptions Email { get; } = new() { From = "engagement@example.nhs.uk", FromName = "Humber, Coast and Vale Health and Care Partnership", OfficerNotifications = ["lead.officer@example.nhs.uk", "engagement.team@example.nhs.uk"] };

    public static DateTime Uk(int year, int month, int day, int hour, int minute = 0) => UkTime.FromUk(new DateTime(year, month, day, hour, minute, 0));

    public async Task<Guid> PublishAsync(string slug, DateTime opensUtc, DateTime closesUtc, DateTime? partnershipDeadlineUtc = null, string? title = null)
    {
        await using var db = Database.CreateContext();
        var consultation = new Consultation { Id = Guid.NewGuid(), Slug = slug, Origin = ContentOrigin.BackOffice, OriginKey = slug, CreatedUtc = opensUtc.AddDays(-7) };
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            Number = 1,
            State = VersionState.Published,
            Title = title ?? "Integrating care: next steps to building strong and effective integrated care systems across England",
            Summary = "Summary",
            Body = "Body",
            ContentHash = Guid.NewGuid().ToString("N"),
            AuthoredOpensUtc = opensUtc,
            AuthoredClosesUtc = closesUtc,
            AuthoredPartnershipDeadlineUtc = partnershipDeadlineUtc,
            OpensUtc = opensUtc,
            ClosesUtc = closesUtc,
            PartnershipDeadlineUtc = partnershipDeadlineUtc,
            CreatedUtc = opensUtc.AddDays(-7),
            PublishedUtc = opensUtc.AddDays(-7),
        };
        consultation.Versions.Add(version);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return consultation.Id;
    }

    public OfficerNotices Notices(PortalDbContext db) =>
        new(new EmailOutbox(db, Time), new ConfiguredOfficerRecipients(Options.Create(Email)), Options.Create(Email), db);

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedUtc).ThenBy(m => m.To).ToListAsync();
    }

    public async Task<List<string>> NoticeKeysAsync()
    {
        await using var db = Database.CreateContext();
        return await db.SentNotices.Select(n => n.Key).OrderBy(k => k).ToListAsync();
    }

    public void Dispose() => Database.Dispose();
}
