using System.Globalization;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Time;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email;

/// <summary>Who the engagement officers are for email: <see cref="StaffOfficerRecipients"/> (the back office's
/// enabled Officer and Administrator accounts plus the configured extras) is the registered one.</summary>
public interface IOfficerRecipients
{
    Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Email:OfficerNotifications alone (tests and tools that have no accounts).</summary>
public sealed class ConfiguredOfficerRecipients(IOptions<EmailOptions> options) : IOfficerRecipients
{
    public Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. options.Value.OfficerNotifications.Distinct(StringComparer.OrdinalIgnoreCase)]);
}

public enum ConsultationMilestone
{
    Opened,
    Closed,
    PartnershipDeadlineReached,
}

/// <summary>Messages to engagement officers. Each is queued in the caller's unit of work (nothing is saved here
/// except where said), so a notice and the record that it was sent commit together.</summary>
public sealed class OfficerNotices(EmailOutbox outbox, IOfficerRecipients officers, IOptions<EmailOptions> options, PortalDbContext db)
{
    public const string KindPrefix = "officer-";

    public async Task<int> MilestoneAsync(string consultationTitle, string slug, ConsultationMilestone milestone, DateTime atUtc, CancellationToken cancellationToken)
    {
        var when = UkTime.FormatDeadline(atUtc);
        var (subject, heading, what) = milestone switch
        {
            ConsultationMilestone.Opened => ($"Consultation opened: {consultationTitle}", "A consultation has opened", $"It opened at {when} and now takes responses."),
            ConsultationMilestone.Closed => ($"Consultation closed: {consultationTitle}", "A consultation has closed", $"It closed at {when}. No more responses are taken."),
            _ => ($"Partnership deadline reached: {consultationTitle}", "The partnership deadline has been reached", $"The internal partnership deadline was {when}. Partner organisations' views should now be in for collation."),
        };
        return await QueueAsync($"{KindPrefix}milestone", subject, heading,
            [new EmailBlock.Inset(consultationTitle), new EmailBlock.Paragraph(what), new EmailBlock.Paragraph($"See it in the back office under consultations (/consultations/{slug}).")],
            $"{slug}:{milestone}", cancellationToken);
    }

    public Task<int> RetentionDueAsync(string consultationTitle, string slug, DateTime eraseOnUtc, CancellationToken cancellationToken) =>
        QueueAsync($"{KindPrefix}retention", $"Personal data will be erased: {consultationTitle}", "Respondents' personal data will be erased soon",
            [
                new EmailBlock.Inset(consultationTitle),
                new EmailBlock.Paragraph($"On {UkTime.FormatDate(eraseOnUtc)} the portal will erase respondents' names, email addresses, postcodes and equality answers for this consultation, as the retention policy requires. Answers and tallies stay."),
                new EmailBlock.Paragraph("Export anything you need to keep under your own records policy before then."),
            ],
            $"{slug}:retention", cancellationToken);

    /// <summary>A partner organisation submitted after the partnership deadline (accepted until the close).</summary>
    public Task<int> LatePartnerSubmissionAsync(string organisation, string consultationTitle, string reference, DateTime submittedUtc, DateTime deadlineUtc, CancellationToken cancellationToken) =>
        QueueAsync($"{KindPrefix}partner-late", $"Late partner response: {organisation}", "A partner organisation's response arrived after the deadline",
            [
                new EmailBlock.Inset(consultationTitle),
                new EmailBlock.Facts(
                [
                    new("Organisation", organisation),
                    new("Reference", reference),
                    new("Submitted", UkTime.FormatDeadline(submittedUtc)),
                    new("Partnership deadline", UkTime.FormatDeadline(deadlineUtc)),
                ]),
                new EmailBlock.Paragraph("It is marked late on the partners' status board and is included in collation like any other submission."),
            ],
            reference, cancellationToken);

    /// <summary>Queues and saves (the dispatch job calls this after its own updates). Failures of officer notices
    /// themselves are not reported by email, so a broken transport cannot feed itself.</summary>
    public async Task DeliveriesFailingAsync(int count, IReadOnlyList<OutboxMessage> failed, CancellationToken cancellationToken)
    {
        var reportable = failed.Where(m => !m.Kind.StartsWith(KindPrefix, StringComparison.Ordinal)).ToList();
        if (reportable.Count == 0 && failed.Count > 0)
        {
            return;
        }

        var rows = reportable.Take(20).Select(m => new KeyValuePair<string, string>(m.Kind, m.LastError ?? "No error recorded")).ToList();
        await QueueAsync($"{KindPrefix}delivery-failing", $"{count} email(s) could not be delivered", "Some emails could not be delivered",
            [
                new EmailBlock.Paragraph($"{count.ToString(CultureInfo.InvariantCulture)} message(s) were moved to the dead letters. Nothing more will be tried until someone presses \"Retry\" on the sent mail page (/backoffice/mail)."),
                new EmailBlock.Facts(rows),
            ],
            null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The final collation before the partnership deadline (or at close) finished: the evidence is ready to draft on.</summary>
    public Task<int> CollationReadyAsync(string consultationTitle, Guid consultationId, string whichRun, int responsesCounted, CancellationToken cancellationToken) =>
        QueueAsync($"{KindPrefix}collation-ready", $"Collation ready: {consultationTitle}", "The evidence for the partnership response is ready",
            [
                new EmailBlock.Inset(consultationTitle),
                new EmailBlock.Paragraph(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The {whichRun} finished with {responsesCounted:N0} responses counted.")),
                new EmailBlock.Paragraph($"Draft, check and sign off the partnership response from the consultation's page in the back office (/backoffice/consultations/{consultationId}/partnership-response)."),
            ],
            $"{consultationId}:collation", cancellationToken);

    /// <summary>A scheduled collation failed: sent at once, saying whether and when it will be tried again.</summary>
    public Task<int> CollationFailedAsync(string consultationTitle, Guid consultationId, string whichRun, string error, DateTime? retryAtUtc, CancellationToken cancellationToken) =>
        QueueAsync($"{KindPrefix}collation-failed", $"Collation failed: {consultationTitle}", retryAtUtc is null ? "A scheduled collation failed and will not be retried" : "A scheduled collation failed",
            [
                new EmailBlock.Inset(consultationTitle),
                new EmailBlock.Paragraph($"The {whichRun} did not finish: {error}"),
                new EmailBlock.Paragraph(retryAtUtc is { } at
                    ? $"It will be tried again at {UkTime.FormatDeadline(at)}, and again with longer waits if it keeps failing. You will be told if it gives up."
                    : $"Every retry failed. Press \"Collate now\" on the consultation's collation page (/backoffice/consultations/{consultationId}/collation) once the problem is fixed, so the deadline is not missed."),
            ],
            $"{consultationId}:collation", cancellationToken);

    private async Task<int> QueueAsync(string kind, string subject, string heading, IReadOnlyList<EmailBlock> blocks, string? correlation, CancellationToken cancellationToken)
    {
        var recipients = await officers.GetAsync(cancellationToken);
        var email = EmailLayout.Render(new EmailContent(subject, heading, blocks), options.Value.FromName);
        // Staff addresses were checked when the accounts were made; one that slipped through is skipped, not fatal.
        return recipients.Count(to => outbox.Enqueue(kind, to, email, correlation).Queued);
    }
}
