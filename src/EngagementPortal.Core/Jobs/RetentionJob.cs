using System.Globalization;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Jobs;

/// <summary>
/// One place that holds respondents' personal data for a consultation (emails, names, postcodes, equality answers).
/// Each erases its own and leaves answers and tallies; erasing twice erases nothing more. The journey issue adds
/// one for responses and saved journeys; the outbox has its own (<see cref="OutboxPersonalData"/>).
/// </summary>
public interface IRespondentPersonalData
{
    string Name { get; }

    /// <summary>Erases the consultation's personal data; returns how many records changed.</summary>
    Task<int> EraseAsync(Guid consultationId, CancellationToken cancellationToken);
}

/// <summary>Emails to respondents about a consultation carry their address and, in receipts, their answers.</summary>
public sealed class OutboxPersonalData(PortalDbContext db) : IRespondentPersonalData
{
    public const string Erased = "[erased]";

    public string Name => "email outbox";

    public async Task<int> EraseAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var toRespondents = db.OutboxMessages.Where(m => m.ConsultationId == consultationId && m.To != Erased && !m.Kind.StartsWith(OfficerNotices.KindPrefix));

        // An unsent message is erased too; it goes to the dead letters so no one sends "[erased]".
        await toRespondents.Where(m => m.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.DeadLettered).SetProperty(m => m.LastError, "Erased by the retention policy before it was sent."), cancellationToken);
        return await toRespondents
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.To, Erased)
                .SetProperty(m => m.TextBody, Erased)
                .SetProperty(m => m.HtmlBody, Erased), cancellationToken);
    }
}

/// <summary>
/// Erases respondents' personal data <see cref="RetentionOptions.MonthsAfterClose"/> months after a consultation
/// closes. Officers are told first, and erasure never happens sooner than <see cref="RetentionOptions.WarningDays"/>
/// after they were told, even if the portal was off when the warning was due. Runs nightly; erasing is idempotent,
/// so it simply runs again over everything past its date.
/// </summary>
public sealed class RetentionJob(
    PortalDbContext db,
    IEnumerable<IRespondentPersonalData> stores,
    OfficerNotices notices,
    SentNotices sent,
    IOptions<RetentionOptions> options,
    TimeProvider time) : IPortalJob
{
    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var closed = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.State == VersionState.Published && v.ClosesUtc < now)
            .OrderBy(v => v.ClosesUtc)
            .ToListAsync(cancellationToken);

        int warned = 0, erasedConsultations = 0, erasedRecords = 0;
        for (var i = 0; i < closed.Count; i++)
        {
            var version = closed[i];
            await progress.ReportAsync(closed.Count == 0 ? 100 : i * 100 / closed.Count, version.Title, cancellationToken);
            var eraseOn = EraseOn(version.ClosesUtc, settings.MonthsAfterClose);
            if (now < eraseOn - TimeSpan.FromDays(settings.WarningDays))
            {
                continue;
            }

            var warningKey = string.Create(CultureInfo.InvariantCulture, $"retention-warning:{version.ConsultationId}:{eraseOn:O}");
            var warning = await sent.FindAsync(warningKey, cancellationToken);
            if (warning is null)
            {
                var eraseAt = Max(eraseOn, now + TimeSpan.FromDays(settings.WarningDays));
                var recipients = await notices.RetentionDueAsync(version.Title, version.Consultation.Slug, eraseAt, cancellationToken);
                sent.Record(warningKey, recipients);
                if (await sent.CommitAsync(cancellationToken))
                {
                    warned++;
                }

                continue;
            }

            if (now < Max(eraseOn, warning.SentUtc + TimeSpan.FromDays(settings.WarningDays)))
            {
                continue;
            }

            var changed = 0;
            foreach (var store in stores)
            {
                changed += await store.EraseAsync(version.ConsultationId, cancellationToken);
            }

            erasedRecords += changed;
            erasedConsultations += changed > 0 ? 1 : 0;
        }

        await progress.ReportAsync(100, null, cancellationToken);
        return new JobOutcome($"Warned officers about {warned} consultation(s); erased {erasedRecords} record(s) across {erasedConsultations} consultation(s).");
    }

    /// <summary>The same UK wall-clock time, N calendar months after the close.</summary>
    public static DateTime EraseOn(DateTime closesUtc, int monthsAfterClose) => UkTime.FromUk(UkTime.ToUk(closesUtc).AddMonths(monthsAfterClose));

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
