using System.Text;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Responses;

/// <summary>A data request as officers see it, with the response it matched (if the reference and email matched one).</summary>
public sealed record DataRequestDetails(DataRequest Request, Response? Response, ConsultationVersion? Version, IReadOnlyList<AuditEntry> History);

/// <summary>A copy of a response for the person who gave it: a plain-text document and its file name.</summary>
public sealed record ResponseCopy(string FileName, string Text);

/// <summary>
/// Respondents' UK GDPR requests: recorded from the public page, handled by officers. Every handling is audited under
/// the request ("data request …") and moves its state: a copy downloaded or emailed, or the respondent's data erased,
/// completes it; a request that cannot be matched to a response is declined with a reason. Erasure keeps the
/// response's row and reference (so figures already published can be explained) but removes every answer, every
/// item of personal data and the emails about it, and marks the response withdrawn so no figure counts it again
/// (docs/adr/0100).
/// </summary>
public sealed class DataRequests(PortalDbContext db, TimeProvider time, AuditLog audit, EmailOutbox outbox, IOptions<EmailOptions> emailOptions)
{
    public const string CopyKind = "data-request-copy";
    public const int ReasonMaxLength = 500;
    public const string ErasedReason = "Erased at the respondent's request (UK GDPR data request)";

    public async Task RecordAsync(DataRequestKind kind, string reference, string email, CancellationToken cancellationToken = default)
    {
        var lowered = email.ToLowerInvariant();
        var responseId = await db.Responses.AsNoTracking()
            .Where(r => r.Reference == reference && r.Email != null && r.Email.ToLower() == lowered)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        db.DataRequests.Add(new DataRequest
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Reference = reference,
            Email = email,
            ResponseId = responseId,
            State = DataRequestState.Open,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Requests oldest first (the statutory month runs from receipt), open ones unless another state is asked for.</summary>
    public async Task<IReadOnlyList<DataRequest>> ListAsync(DataRequestState? state, CancellationToken cancellationToken = default)
    {
        var query = db.DataRequests.AsNoTracking();
        if (state is { } s)
        {
            query = query.Where(d => d.State == s);
        }

        return await query.OrderBy(d => d.CreatedUtc).Take(500).ToListAsync(cancellationToken);
    }

    public async Task<DataRequestDetails?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var request = await db.DataRequests.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }

        Response? response = null;
        ConsultationVersion? version = null;
        if (request.ResponseId is { } responseId)
        {
            response = await db.Responses.AsNoTracking().Include(r => r.Answers.OrderBy(a => a.Id)).SingleOrDefaultAsync(r => r.Id == responseId, cancellationToken);
            if (response is not null)
            {
                version = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation).SingleAsync(v => v.Id == response.ConsultationVersionId, cancellationToken);
            }
        }

        var subject = SubjectOf(request);
        var history = await db.AuditEntries.AsNoTracking().Where(e => e.Subject == subject).OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        return new DataRequestDetails(request, response, version, history);
    }

    /// <summary>The copy for download; the request is completed and the download audited.</summary>
    public async Task<ResponseCopy?> DownloadCopyAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        var details = await FindAsync(id, cancellationToken);
        if (details?.Response is null || details.Version is null)
        {
            return null;
        }

        await CompleteAsync(details.Request, actor, "Copy of the response downloaded for the requester", cancellationToken);
        return new ResponseCopy($"response-{details.Response.Reference}.txt", CopyText(details.Response, details.Version));
    }

    /// <summary>Queues the copy to the address the request came from (it matched the response's), and completes the request.</summary>
    public async Task<HandlingResult> EmailCopyAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        var details = await FindAsync(id, cancellationToken);
        if (details?.Response is null || details.Version is null)
        {
            return HandlingResult.NotFound;
        }

        var response = details.Response;
        var email = EmailLayout.Render(new EmailContent(
            $"A copy of your response {response.Reference}",
            "A copy of your response",
            [
                new EmailBlock.Paragraph($"You asked for a copy of your response to: {details.Version.Title}. Here it is, as we hold it."),
                new EmailBlock.Inset(CopyText(response, details.Version)),
            ]), emailOptions.Value.FromName);
        outbox.Enqueue(CopyKind, details.Request.Email, email, response.Reference, response.ConsultationId);
        await CompleteAsync(details.Request, actor, "Copy of the response queued by email to the requester", cancellationToken);
        return HandlingResult.Done;
    }

    /// <summary>Erases the respondent's personal data and answers (see the class comment), and completes the request.</summary>
    public async Task<HandlingResult> EraseAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        var request = await db.DataRequests.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (request?.ResponseId is not { } responseId)
        {
            return HandlingResult.NotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.Id == responseId, cancellationToken);
        var answers = response.Answers.Count;
        db.ResponseAnswers.RemoveRange(response.Answers);
        response.Email = null;
        response.PostcodeDistrict = null;
        response.PublishedName = null;
        response.OrganisationName = null;
        response.Role = null;
        response.PublishingConsent = PublishingConsent.DoNotPublish;
        response.ModerationState = ModerationState.Withdrawn;
        response.ModerationReason = ErasedReason;
        response.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        // Emails to the respondent about this response (the receipt, a copy) carry their address and answers too.
        var mail = db.OutboxMessages.Where(m => m.CorrelationId == response.Reference && m.To != Jobs.OutboxPersonalData.Erased);
        await mail.Where(m => m.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.DeadLettered).SetProperty(m => m.LastError, "Erased at the respondent's request before it was sent."), cancellationToken);
        var emails = await mail.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.To, Jobs.OutboxPersonalData.Erased)
            .SetProperty(m => m.TextBody, Jobs.OutboxPersonalData.Erased)
            .SetProperty(m => m.HtmlBody, Jobs.OutboxPersonalData.Erased), cancellationToken);
        audit.Record(AuditActions.ResponseModerated, actor.Id, actor.Email, ResponseList.SubjectOf(response.Reference), $"Erased: {answers} answer(s), personal data and {emails} email(s) removed, marked withdrawn (data request)");
        await CompleteAsync(request, actor, $"Respondent's personal data and {answers} answer(s) erased", cancellationToken, tracked: true);
        await transaction.CommitAsync(cancellationToken);
        return HandlingResult.Done;
    }

    public async Task<HandlingResult> DeclineAsync(Guid id, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var request = await db.DataRequests.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (request is null)
        {
            return HandlingResult.NotFound;
        }

        var cleaned = ResponseRules.CleanText(reason);
        if (cleaned is null)
        {
            return HandlingResult.Invalid([new("Reason", "Enter why the request is declined, for the record")]);
        }

        if (cleaned.Length > ReasonMaxLength)
        {
            return HandlingResult.Invalid([new("Reason", $"The reason must be {ReasonMaxLength} characters or fewer")]);
        }

        request.State = DataRequestState.Declined;
        audit.Record(AuditActions.DataRequestHandled, actor.Id, actor.Email, SubjectOf(request), "Declined: " + cleaned);
        await db.SaveChangesAsync(cancellationToken);
        return HandlingResult.Done;
    }

    public static string SubjectOf(DataRequest request) => $"data request {request.Reference} {request.Id:N}";

    /// <summary>The response as the respondent gave it (originals, not redactions: it is their own data), in plain text.</summary>
    public static string CopyText(Response response, ConsultationVersion version)
    {
        var text = new StringBuilder();
        text.Append("Your response to: ").Append(version.Title).Append('\n');
        text.Append("Reference: ").Append(response.Reference).Append('\n');
        text.Append("Received: ").Append(UkTime.FormatTimestamp(response.SubmittedUtc)).Append('\n');
        text.Append("How it reached us: ").Append(ChannelText(response.Channel)).Append("\n\n");
        text.Append("About you\n");
        text.Append("Responding: ").Append(AnswerSummary.RespondentTypeText(response.RespondentType == RespondentType.Individual ? RespondentType.Individual : RespondentType.Organisation)).Append('\n');
        foreach (var (label, value) in new[] { ("Organisation", response.OrganisationName), ("Role", response.Role), ("Postcode district", response.PostcodeDistrict), ("Email", response.Email) })
        {
            if (value is not null)
            {
                text.Append(label).Append(": ").Append(value).Append('\n');
            }
        }

        text.Append("Publishing: ").Append(AnswerSummary.PublishingText(response.PublishingConsent, response.PublishedName)).Append("\n\n");
        text.Append("Your answers\n\n");
        foreach (var row in AnswerSummary.Rows(new JourneyCoordinator(version), AnswersOf(response)))
        {
            text.Append(row.Question.Number).Append(". ").Append(row.Question.Text).Append('\n');
            foreach (var line in row.Lines)
            {
                text.Append(line).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static Dictionary<string, AnswerState> AnswersOf(Response response) =>
        response.Answers.ToDictionary(a => a.QuestionKey, a => new AnswerState { Choice = a.Choice, Choices = [.. a.Choices], Text = a.Text }, StringComparer.Ordinal);

    public static string ChannelText(ResponseChannel channel) => channel switch
    {
        ResponseChannel.Online => "Online",
        ResponseChannel.Email => "Email",
        ResponseChannel.Letter => "Letter",
        ResponseChannel.Telephone => "Telephone call",
        ResponseChannel.PaperForm => "Paper form",
        ResponseChannel.EasyReadForm => "Easy Read form",
        ResponseChannel.EventNotes => "Notes from an event",
        ResponseChannel.PartnerSubmission => "Partner submission",
        _ => channel.ToString(),
    };

    private async Task CompleteAsync(DataRequest request, Actor actor, string detail, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!tracked)
        {
            db.DataRequests.Attach(request);
        }

        request.State = DataRequestState.Completed;
        audit.Record(AuditActions.DataRequestHandled, actor.Id, actor.Email, SubjectOf(request), detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
