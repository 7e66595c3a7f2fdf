using System.Globalization;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Jobs;

/// <summary>An invited partner organisation that has not yet submitted, and where its reminder goes.</summary>
public sealed record PartnerReminderRecipient(string OrganisationKey, string OrganisationName, string Email);

/// <summary>Who is still to submit to a consultation. The partners issue implements it over its invitations and
/// submissions; until then <see cref="NoPartnerReminderRecipients"/> is registered and no reminder goes out.</summary>
public interface IPartnerReminderRecipients
{
    Task<IReadOnlyList<PartnerReminderRecipient>> OutstandingAsync(Guid consultationId, CancellationToken cancellationToken);
}

/// <summary>No partner organisations yet (the partners issue replaces this registration).</summary>
public sealed class NoPartnerReminderRecipients : IPartnerReminderRecipients
{
    public Task<IReadOnlyList<PartnerReminderRecipient>> OutstandingAsync(Guid consultationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PartnerReminderRecipient>>([]);
}

public enum ReminderMilestone
{
    SevenDays,
    TwoDays,
    DeadlineDay,
}

/// <summary>
/// Reminds partners who have not submitted: at 9am UK time 7 days and 2 days before the partnership deadline's
/// date, and at 9am on the day (if that is before the deadline). Each run sends only the latest milestone that is
/// due, so a node that was down through two milestones sends one reminder, not two; each organisation gets a
/// milestone's reminder once (see <see cref="SentNotice"/>).
/// </summary>
public sealed class PartnerRemindersJob(
    PortalDbContext db,
    IPartnerReminderRecipients recipients,
    EmailOutbox outbox,
    SentNotices sent,
    IOptions<EmailOptions> emailOptions,
    TimeProvider time) : IPortalJob
{
    private static readonly TimeOnly NineAm = new(9, 0);

    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var versions = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.State == VersionState.Published && v.PartnershipDeadlineUtc > now)
            .ToListAsync(cancellationToken);

        var reminded = 0;
        foreach (var version in versions)
        {
            var deadline = version.PartnershipDeadlineUtc!.Value;
            if (DueMilestone(deadline, now) is not { } milestone)
            {
                continue;
            }

            foreach (var recipient in await recipients.OutstandingAsync(version.ConsultationId, cancellationToken))
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"partner-reminder:{version.ConsultationId}:{recipient.OrganisationKey}:{milestone}:{deadline:O}");
                if (await sent.HasAsync(key, cancellationToken))
                {
                    continue;
                }

                var email = Reminder(version, recipient, deadline);
                if (!outbox.Enqueue("partner-reminder", recipient.Email, email, recipient.OrganisationKey, version.ConsultationId).Queued)
                {
                    // Not recorded as sent: once the partners' address is corrected, the reminder goes.
                    continue;
                }

                sent.Record(key, 1);
                if (await sent.CommitAsync(cancellationToken))
                {
                    reminded++;
                }
            }
        }

        return new JobOutcome($"Sent {reminded} reminder(s).");
    }

    /// <summary>The instants reminders fall due for a deadline, in order.</summary>
    public static IReadOnlyList<(ReminderMilestone Milestone, DateTime AtUtc)> Schedule(DateTime deadlineUtc)
    {
        var day = DateOnly.FromDateTime(UkTime.ToUk(deadlineUtc));
        var schedule = new List<(ReminderMilestone, DateTime)>
        {
            (ReminderMilestone.SevenDays, UkTime.FromUk(day.AddDays(-7).ToDateTime(NineAm))),
            (ReminderMilestone.TwoDays, UkTime.FromUk(day.AddDays(-2).ToDateTime(NineAm))),
        };
        var onTheDay = UkTime.FromUk(day.ToDateTime(NineAm));
        if (onTheDay < deadlineUtc)
        {
            schedule.Add((ReminderMilestone.DeadlineDay, onTheDay));
        }

        return schedule;
    }

    /// <summary>The latest milestone that has fallen due before the deadline, or none.</summary>
    public static ReminderMilestone? DueMilestone(DateTime deadlineUtc, DateTime nowUtc) =>
        nowUtc >= deadlineUtc ? null
        : Schedule(deadlineUtc).Where(s => s.AtUtc <= nowUtc).Select(s => (ReminderMilestone?)s.Milestone).LastOrDefault();

    private RenderedEmail Reminder(ConsultationVersion version, PartnerReminderRecipient recipient, DateTime deadline)
    {
        var days = UkTime.DaysUntil(deadline, time);
        var when = days switch
        {
            <= 0 => "today",
            1 => "tomorrow",
            _ => string.Create(CultureInfo.InvariantCulture, $"in {days} days"),
        };
        return EmailLayout.Render(
            new EmailContent(
                $"Reminder: your organisation's response is due {when}: {version.Title}",
                "Your organisation's response is due " + when,
                [
                    new EmailBlock.Paragraph($"We have not yet had {recipient.OrganisationName}'s response to:"),
                    new EmailBlock.Inset(version.Title),
                    new EmailBlock.Paragraph($"The partnership deadline is {UkTime.FormatDeadline(deadline)}."),
                    new EmailBlock.Paragraph($"Sign in to the partner area to finish and sign off your response (/partners). If you have already sent it in another way, you can ignore this email."),
                ]),
            emailOptions.Value.FromName);
    }
}
