using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

public enum HandlingOutcome
{
    Done,
    NotFound,
    Invalid,
}

/// <summary>What an officer's action came to: done, nothing to act on, or what is wrong with which field.</summary>
public sealed record HandlingResult(HandlingOutcome Outcome, IReadOnlyList<FieldError> Errors)
{
    public static readonly HandlingResult Done = new(HandlingOutcome.Done, []);
    public static readonly HandlingResult NotFound = new(HandlingOutcome.NotFound, []);

    public static HandlingResult Invalid(IReadOnlyList<FieldError> errors) => new(HandlingOutcome.Invalid, errors);
}

/// <summary>
/// Officers' moderation and redaction. Neither deletes anything: moderation sets a state and its reason (collation
/// leaves duplicates, spam and withdrawn responses out and counts campaigns apart), redaction keeps the original
/// beside the published text. Both bump <see cref="Response.UpdatedUtc"/> so incremental collation sees them, and
/// both are audited under the response's reference (its page shows that history).
/// </summary>
public sealed class ResponseModeration(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public const int ReasonMaxLength = 500;

    public async Task<HandlingResult> ModerateAsync(Guid consultationId, Guid responseId, ModerationState? state, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var response = await db.Responses.SingleOrDefaultAsync(r => r.Id == responseId && r.ConsultationId == consultationId, cancellationToken);
        if (response is null)
        {
            return HandlingResult.NotFound;
        }

        var errors = new List<FieldError>();
        var cleaned = ResponseRules.CleanText(reason);
        if (state is null || !Enum.IsDefined(state.Value))
        {
            errors.Add(new("State", "Select a moderation state"));
        }

        if (cleaned is null)
        {
            errors.Add(new("Reason", "Enter the reason, for the record"));
        }
        else if (cleaned.Length > ReasonMaxLength)
        {
            errors.Add(new("Reason", $"The reason must be {ReasonMaxLength} characters or fewer"));
        }

        if (errors.Count > 0)
        {
            return HandlingResult.Invalid(errors);
        }

        var before = response.ModerationState;
        response.ModerationState = state!.Value;
        response.ModerationReason = cleaned;
        response.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.ResponseModerated, actor.Id, actor.Email, ResponseList.SubjectOf(response.Reference), $"{before} → {state.Value}: {cleaned}");
        await db.SaveChangesAsync(cancellationToken);
        return HandlingResult.Done;
    }

    /// <summary>Replaces each item in the answer's published text (its redacted text, or the original when none yet).</summary>
    public async Task<HandlingResult> RedactAsync(Guid consultationId, Guid responseId, long answerId, string? items, Actor actor, CancellationToken cancellationToken = default)
    {
        var (response, answer) = await FindAnswerAsync(consultationId, responseId, answerId, cancellationToken);
        if (response is null || answer?.Text is null)
        {
            return HandlingResult.NotFound;
        }

        var list = Redaction.Items(items);
        var applied = Redaction.Apply(answer.RedactedText ?? answer.Text, list);
        if (!applied.IsValid)
        {
            return HandlingResult.Invalid(applied.Errors);
        }

        answer.RedactedText = applied.Value;
        response.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.ResponseRedacted, actor.Id, actor.Email, ResponseList.SubjectOf(response.Reference), $"{list.Count} item(s) redacted in answer {answer.QuestionKey}");
        await db.SaveChangesAsync(cancellationToken);
        return HandlingResult.Done;
    }

    /// <summary>Publishes the original again (a redaction made by mistake).</summary>
    public async Task<HandlingResult> ClearRedactionAsync(Guid consultationId, Guid responseId, long answerId, Actor actor, CancellationToken cancellationToken = default)
    {
        var (response, answer) = await FindAnswerAsync(consultationId, responseId, answerId, cancellationToken);
        if (response is null || answer is null)
        {
            return HandlingResult.NotFound;
        }

        if (answer.RedactedText is not null)
        {
            answer.RedactedText = null;
            response.UpdatedUtc = time.GetUtcNow().UtcDateTime;
            audit.Record(AuditActions.ResponseRedacted, actor.Id, actor.Email, ResponseList.SubjectOf(response.Reference), $"Redaction removed from answer {answer.QuestionKey}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return HandlingResult.Done;
    }

    private async Task<(Response? Response, ResponseAnswer? Answer)> FindAnswerAsync(Guid consultationId, Guid responseId, long answerId, CancellationToken cancellationToken)
    {
        var response = await db.Responses.Include(r => r.Answers.Where(a => a.Id == answerId))
            .SingleOrDefaultAsync(r => r.Id == responseId && r.ConsultationId == consultationId, cancellationToken);
        return (response, response?.Answers.SingleOrDefault());
    }
}
