using System.Security.Cryptography;
using System.Text;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email;

public enum YouSaidWeDidOutcome
{
    /// <summary>One message per respondent address was queued (possibly none, if no one gave an address).</summary>
    Queued,

    /// <summary>This publication's messages were queued before: nothing was queued again.</summary>
    AlreadySent,

    ConsultationNotFound,
}

public sealed record YouSaidWeDidResult(YouSaidWeDidOutcome Outcome, int Queued = 0);

/// <summary>
/// "You said, we did": once a consultation's results are published, tells every respondent who gave an email
/// address what happened. The journey asks no separate question about hearing back; its receipt promises "we will
/// publish what people said and what we did about it", so giving an address for the receipt counts as asking
/// (docs/adr/0090). One message per address (a person who responded twice hears once, with both references), and
/// never twice for one publication: the messages and the record of the publication are saved in one transaction.
/// </summary>
public sealed class YouSaidWeDid(PortalDbContext db, EmailOutbox outbox, SentNotices sent, IOptions<EmailOptions> options)
{
    public const string Kind = "you-said-we-did";

    /// <summary>Queues and saves (this saves the context: call it after the caller's own changes are saved).</summary>
    /// <param name="consultationId">The consultation whose respondents hear.</param>
    /// <param name="publication">What identifies this publication of results (the signed-off collation version's id,
    /// say); the same value again queues nothing.</param>
    /// <param name="summary">Plain text from officers: blank lines separate paragraphs, lines starting "- " or "* " are
    /// bullets. Markdown emphasis is left as typed; nothing in it is treated as HTML.</param>
    /// <param name="resultsUrl">The absolute address of the results page.</param>
    public async Task<YouSaidWeDidResult> EnqueueAsync(Guid consultationId, string publication, string summary, string resultsUrl, CancellationToken cancellationToken = default)
    {
        var title = await db.ConsultationVersions.AsNoTracking()
            .Where(v => v.ConsultationId == consultationId && v.State == Consultations.VersionState.Published)
            .OrderByDescending(v => v.Number)
            .Select(v => v.Title)
            .FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return new(YouSaidWeDidOutcome.ConsultationNotFound);
        }

        var key = $"{Kind}:{consultationId:N}:{KeyPart(publication)}";
        if (await sent.HasAsync(key, cancellationToken))
        {
            return new(YouSaidWeDidOutcome.AlreadySent);
        }

        var respondents = await db.Responses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.Email != null)
            // The reference breaks ties: which index the planner picks (there is one on email too) must not reorder them.
            .OrderBy(r => r.SubmittedUtc).ThenBy(r => r.Reference)
            .Select(r => new { r.Email, r.Reference })
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var person in respondents.GroupBy(r => r.Email!.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            var email = EmailLayout.Render(Content(title, [.. person.Select(p => p.Reference)], summary, resultsUrl), options.Value.FromName);
            if (outbox.Enqueue(Kind, person.Key, email, key, consultationId).Queued)
            {
                queued++;
            }
        }

        sent.Record(key, queued);
        return await sent.CommitAsync(cancellationToken) ? new(YouSaidWeDidOutcome.Queued, queued) : new(YouSaidWeDidOutcome.AlreadySent);
    }

    /// <summary>The message itself; every string in it is encoded by <see cref="EmailLayout"/>.</summary>
    public static EmailContent Content(string consultationTitle, IReadOnlyList<string> references, string summary, string resultsUrl)
    {
        var blocks = new List<EmailBlock>
        {
            new EmailBlock.Paragraph($"Thank you for responding to the consultation: {consultationTitle}."),
            new EmailBlock.Paragraph("We have read every response. This is what people told us and what we have done about it."),
        };
        blocks.AddRange(SummaryBlocks(summary));
        blocks.Add(new EmailBlock.Link("Read the full results", resultsUrl));
        blocks.Add(new EmailBlock.Inset(references.Count == 1 ? $"Your reference: {references[0]}" : $"Your references: {string.Join(", ", references)}"));
        blocks.Add(new EmailBlock.Paragraph("You are getting this email because you gave your email address when you responded. We will not email you about this consultation again."));
        return new EmailContent($"You said, we did: {consultationTitle}", "You said, we did", blocks);
    }

    private static IEnumerable<EmailBlock> SummaryBlocks(string summary)
    {
        var paragraphs = summary.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
        {
            var lines = paragraph.Split('\n', StringSplitOptions.TrimEntries);
            if (lines.All(l => l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal)))
            {
                yield return new EmailBlock.Bullets([.. lines.Select(l => l[2..].Trim())]);
            }
            else
            {
                yield return new EmailBlock.Paragraph(string.Join("\n", lines));
            }
        }
    }

    // sent_notices keys are bounded; a long publication id is hashed rather than cut, so two never collide.
    private static string KeyPart(string publication) =>
        publication.Length <= 64 ? publication : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(publication)));
}
