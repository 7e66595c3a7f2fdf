using System.Globalization;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Partners;

public sealed record BoardRow(
    Guid SubmissionId,
    Guid OrganisationId,
    string Organisation,
    OrganisationType Type,
    SubmissionState State,
    DateTime InvitedUtc,
    DateTime? LastEditedUtc,
    string? LastEditedBy,
    DateTime? SubmittedUtc,
    string? SubmittedBy,
    string? Signatory,
    string? Governance,
    string? Reference,
    bool IsLate,
    DateTime? ReopenedUtc,
    bool HasLetter,
    int Contributors);

public sealed record Board(Guid ConsultationId, string Title, DateTime? PartnershipDeadlineUtc, DateTime ClosesUtc, int? DaysToDeadline, IReadOnlyList<BoardRow> Rows, IReadOnlyList<PartnerOrganisation> NotInvited);

/// <summary>Officers' view of one consultation's partner organisations, and the "remind now" action.</summary>
public sealed class PartnerStatusBoard(
    PortalDbContext db,
    IPartnerReminderRecipients recipients,
    EmailOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    IOptions<EmailOptions> emailOptions)
{
    public const string ReminderKind = "partner-reminder";

    /// <summary>Published consultations, newest first, with how many organisations are invited and have submitted.</summary>
    public async Task<IReadOnlyList<(Guid ConsultationId, string Title, DateTime? Deadline, int Invited, int Submitted)>> ConsultationsAsync(CancellationToken cancellationToken = default)
    {
        var versions = await db.ConsultationVersions.AsNoTracking().Where(v => v.State == VersionState.Published).OrderByDescending(v => v.OpensUtc).ToListAsync(cancellationToken);
        var counts = await db.PartnerSubmissions.AsNoTracking().GroupBy(s => s.ConsultationId)
            .Select(g => new { g.Key, Invited = g.Count(), Submitted = g.Count(s => s.SubmittedUtc != null) }).ToListAsync(cancellationToken);
        return [.. versions.Select(v => counts.FirstOrDefault(c => c.Key == v.ConsultationId) is { } c
            ? (v.ConsultationId, v.Title, v.PartnershipDeadlineUtc, c.Invited, c.Submitted)
            : (v.ConsultationId, v.Title, v.PartnershipDeadlineUtc, 0, 0))];
    }

    public async Task<Board?> ReadAsync(Guid consultationId, CancellationToken cancellationToken = default)
    {
        var version = await db.ConsultationVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ConsultationId == consultationId && v.State == VersionState.Published, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var submissions = await db.PartnerSubmissions.AsNoTracking().Where(s => s.ConsultationId == consultationId).ToListAsync(cancellationToken);
        var organisations = await db.PartnerOrganisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var contributorCounts = await db.UserClaims.Where(c => c.ClaimType == PartnerClaims.Organisation)
            .GroupBy(c => c.ClaimValue).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key ?? "", g => g.Count, cancellationToken);
        var byId = organisations.ToDictionary(o => o.Id);
        var rows = submissions.Where(s => byId.ContainsKey(s.OrganisationId)).Select(s =>
        {
            var organisation = byId[s.OrganisationId];
            return new BoardRow(
                s.Id, organisation.Id, organisation.Name, organisation.Type, s.State, s.InvitedUtc, s.LastEditedUtc, s.LastEditedBy, s.SubmittedUtc, s.SubmittedBy,
                s.SignatoryName is null ? null : $"{s.SignatoryName}, {s.SignatoryRole}", s.Governance, s.Reference, s.IsLate, s.ReopenedUtc, s.LetterFile is not null,
                contributorCounts.GetValueOrDefault(organisation.Id.ToString()));
        }).OrderBy(r => r.State).ThenBy(r => r.Organisation, StringComparer.Ordinal).ToList();
        var invited = submissions.Select(s => s.OrganisationId).ToHashSet();
        int? days = version.PartnershipDeadlineUtc is { } deadline ? UkTime.DaysUntil(deadline, time) : null;
        return new Board(consultationId, version.Title, version.PartnershipDeadlineUtc, version.ClosesUtc, days, rows, [.. organisations.Where(o => !invited.Contains(o.Id))]);
    }

    /// <summary>Emails every organisation that has not submitted, now (the scheduled reminders still go out too).</summary>
    public async Task<int> RemindNowAsync(Guid consultationId, Accounts.PortalUser officer, CancellationToken cancellationToken = default)
    {
        var version = await db.ConsultationVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ConsultationId == consultationId && v.State == VersionState.Published, cancellationToken);
        if (version is null)
        {
            return 0;
        }

        var outstanding = await recipients.OutstandingAsync(consultationId, cancellationToken);
        foreach (var recipient in outstanding)
        {
            var blocks = new List<EmailBlock>
            {
                new EmailBlock.Paragraph($"We have not yet had {recipient.OrganisationName}'s response to:"),
                new EmailBlock.Inset(version.Title),
            };
            if (version.PartnershipDeadlineUtc is { } deadline)
            {
                blocks.Add(new EmailBlock.Paragraph($"The partnership deadline is {UkTime.FormatDeadline(deadline)}."));
            }

            blocks.Add(new EmailBlock.Paragraph("Sign in to the partner area to finish and sign off your response (/partners). If you have already sent it in another way, you can ignore this email."));
            outbox.Enqueue(ReminderKind, recipient.Email, EmailLayout.Render(new EmailContent($"Reminder: your organisation's response to {version.Title}", "Your organisation's response is still to come", blocks), emailOptions.Value.FromName), recipient.OrganisationKey, consultationId);
        }

        audit.Record(PartnerAudit.Reminded, officer.Id, officer.Email!, subject: version.Title, detail: string.Create(CultureInfo.InvariantCulture, $"{outstanding.Count} recipient(s)"));
        await db.SaveChangesAsync(cancellationToken);
        return outstanding.Count;
    }
}

/// <summary>The reminder job's recipients: for every invited organisation that has not submitted, each of its
/// contributors, or its register contact while it has none. The key is per organisation and address, so the job's
/// once-per-milestone record lets every contributor have their reminder.</summary>
public sealed class PartnerReminderRecipients(PortalDbContext db) : IPartnerReminderRecipients
{
    public async Task<IReadOnlyList<PartnerReminderRecipient>> OutstandingAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var outstanding = await db.PartnerSubmissions.AsNoTracking()
            .Where(s => s.ConsultationId == consultationId && s.SubmittedUtc == null)
            .Join(db.PartnerOrganisations, s => s.OrganisationId, o => o.Id, (s, o) => o)
            .ToListAsync(cancellationToken);
        var values = outstanding.Select(o => o.Id.ToString()).ToList();
        var contributors = await db.UserClaims.Where(c => c.ClaimType == PartnerClaims.Organisation && values.Contains(c.ClaimValue!))
            .Join(db.Users.Where(u => u.DisabledUtc == null && u.Email != null), c => c.UserId, u => u.Id, (c, u) => new { c.ClaimValue, u.Email })
            .ToListAsync(cancellationToken);
        var result = new List<PartnerReminderRecipient>();
        foreach (var organisation in outstanding.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            var addresses = contributors.Where(c => c.ClaimValue == organisation.Id.ToString()).Select(c => c.Email!).ToList();
            if (addresses.Count == 0 && organisation.ContactEmail is { } contact)
            {
                addresses.Add(contact);
            }

            foreach (var address in addresses.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
            {
                result.Add(new PartnerReminderRecipient($"{organisation.Id:N}/{address.ToLowerInvariant()}", organisation.Name, address));
            }
        }

        return result;
    }
}

/// <summary>Collation's partner inputs: each submitted organisation's name, governance and overall position (by the
/// PartnerSubmissionId its responses row carries), and every invited organisation with whether it submitted.</summary>
public sealed class PartnerSubmissionDetails(PortalDbContext db) : IPartnerSubmissionDetails
{
    public async Task<PartnerCollationInputs> ReadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var rows = await db.PartnerSubmissions.AsNoTracking().Where(s => s.ConsultationId == consultationId)
            .Join(db.PartnerOrganisations, s => s.OrganisationId, o => o.Id, (s, o) => new { Submission = s, o.Name })
            .ToListAsync(cancellationToken);
        var details = new Dictionary<Guid, PartnerDetails>();
        foreach (var row in rows.Where(r => r.Submission.ResponseId is not null))
        {
            // A reopened submission keeps its responses row until resubmitted, so it keeps its details too.
            details[row.Submission.Id] = new PartnerDetails(row.Name, row.Submission.Governance ?? "", KeyQuote(row.Submission.OverallPosition));
        }

        var invited = rows.OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new InvitedOrganisation(r.Name, r.Submission.SubmittedUtc is not null, r.Submission.SubmittedUtc is not null ? r.Submission.Governance : null))
            .ToList();
        return new PartnerCollationInputs(details, invited);
    }

    /// <summary>The overall position's first paragraph, at most 400 characters, cut at a word.</summary>
    internal static string? KeyQuote(string? position)
    {
        if (string.IsNullOrWhiteSpace(position))
        {
            return null;
        }

        var first = position.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        if (first.Length <= 400)
        {
            return first;
        }

        var cut = first.LastIndexOf(' ', 399);
        return first[..(cut > 200 ? cut : 400)].TrimEnd(',', ';', ':') + "…";
    }
}
