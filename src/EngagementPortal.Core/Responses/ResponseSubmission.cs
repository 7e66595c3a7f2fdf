using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Responses;

public enum SubmitOutcome
{
    Submitted,

    /// <summary>This journey was submitted before (double click, back-and-resubmit, a second tab): same reference.</summary>
    AlreadySubmitted,

    NotOpen,

    /// <summary>A step has never been saved; <see cref="SubmitResult.Step"/> says which.</summary>
    Incomplete,
}

public sealed record SubmitResult(SubmitOutcome Outcome, string? Reference = null, string? Step = null);

/// <summary>
/// Turns a journey into a response in one transaction: the response and its answers, the equality monitoring
/// row, the journey marked submitted, and the receipt in the outbox. Exactly one response per journey: the
/// journey's idempotency key has a unique index, and a submit that loses the race returns the winner's reference.
/// </summary>
public sealed class ResponseSubmission(PortalDbContext db, EmailOutbox outbox, TimeProvider time, IOptions<ResponseOptions> options, DatabaseWriteGate? writeGate = null)
{
    public const string CounterName = "responses";

    public async Task<SubmitResult> SubmitAsync(ResponseJourney journey, ConsultationVersion version, string baseUrl, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SubmitOnceAsync(journey, version, baseUrl, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another tab saved a step between our read and our write: read the journey again and decide afresh.
            db.ChangeTracker.Clear();
            var fresh = await db.ResponseJourneys.SingleAsync(j => j.Id == journey.Id, cancellationToken);
            return await SubmitOnceAsync(fresh, version, baseUrl, cancellationToken);
        }
    }

    private async Task<SubmitResult> SubmitOnceAsync(ResponseJourney journey, ConsultationVersion version, string baseUrl, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (version.PhaseAt(now) != ConsultationPhase.Open)
        {
            return new(SubmitOutcome.NotOpen);
        }

        var state = JourneyState.FromJson(journey.State);
        if (await ExistingReferenceAsync(journey, state, cancellationToken) is { } existing)
        {
            return new(SubmitOutcome.AlreadySubmitted, existing);
        }

        var coordinator = new JourneyCoordinator(version);
        if (coordinator.FirstIncomplete(state) is { } step)
        {
            return new(SubmitOutcome.Incomplete, Step: step);
        }

        try
        {
            using var turn = writeGate is null ? null : await writeGate.EnterAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var reference = await NextReferenceAsync(cancellationToken);
            var response = Build(version, state, reference, now);
            db.Responses.Add(response);
            if (state.Equality is { IsEmpty: false } equality)
            {
                db.EqualityMonitoring.Add(new EqualityMonitoring
                {
                    Id = Guid.NewGuid(),
                    ConsultationId = version.ConsultationId,
                    AgeBand = equality.AgeBand,
                    Sex = equality.Sex,
                    Disability = equality.Disability,
                    Ethnicity = equality.Ethnicity,
                    SubmittedOn = DateOnly.FromDateTime(now),
                });
            }

            journey.ResponseId = response.Id;
            journey.UpdatedUtc = now;
            if (state.Email is not null)
            {
                var receipt = ReceiptEmail.Receipt(version, reference, state, baseUrl);
                // The about-you step checked the address with the same rule; were it refused here, the response still
                // counts (a receipt is a courtesy, the answers are the point) and no row is queued to fail later.
                outbox.Enqueue(ReceiptEmail.ReceiptKind, state.Email, receipt.Subject, receipt.Text, receipt.Html, reference, version.ConsultationId);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new(SubmitOutcome.Submitted, reference);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Another request submitted this journey first: undo ours and give the same reference.
            db.ChangeTracker.Clear();
            var winner = await db.Responses.AsNoTracking().Where(r => r.IdempotencyKey == state.IdempotencyKey).Select(r => r.Reference).SingleAsync(cancellationToken);
            return new(SubmitOutcome.AlreadySubmitted, winner);
        }
    }

    public Task<string?> FindReferenceAsync(Guid responseId, CancellationToken cancellationToken = default) =>
        db.Responses.AsNoTracking().Where(r => r.Id == responseId).Select(r => r.Reference).SingleOrDefaultAsync(cancellationToken);

    private async Task<string?> ExistingReferenceAsync(ResponseJourney journey, JourneyState state, CancellationToken cancellationToken)
    {
        if (journey.ResponseId is { } id)
        {
            return await db.Responses.AsNoTracking().Where(r => r.Id == id).Select(r => r.Reference).SingleOrDefaultAsync(cancellationToken);
        }

        return await db.Responses.AsNoTracking().Where(r => r.IdempotencyKey == state.IdempotencyKey).Select(r => r.Reference).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The next reference, for a response saved in the current transaction (a journey's submit here, or an
    /// officer keying in another channel's response in <see cref="KeyedResponses"/>).</summary>
    public async Task<string> NextReferenceAsync(CancellationToken cancellationToken = default) =>
        ResponseReference.Format(options.Value.ReferencePrefix, await NextSequenceAsync(cancellationToken));

    /// <summary>The next number of the counter, taken inside the transaction: its first statement is this write,
    /// so concurrent submits queue on the database's write lock instead of failing on a stale snapshot.</summary>
    private async Task<long> NextSequenceAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "reference_counters" ("Name", "Value") VALUES (@name, 1)
            ON CONFLICT ("Name") DO UPDATE SET "Value" = "Value" + 1
            RETURNING "Value"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = CounterName;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Response Build(ConsultationVersion version, JourneyState state, string reference, DateTime now)
    {
        var response = new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = version.ConsultationId,
            ConsultationVersionId = version.Id,
            Reference = reference,
            IdempotencyKey = state.IdempotencyKey,
            RespondentType = state.RespondentType ?? RespondentType.Individual,
            OrganisationName = state.RespondentType == RespondentType.Organisation ? state.OrganisationName : null,
            Role = state.RespondentType == RespondentType.Organisation ? state.Role : null,
            PostcodeDistrict = state.PostcodeDistrict,
            Email = state.Email,
            PublishingConsent = state.Publishing ?? PublishingConsent.DoNotPublish,
            PublishedName = state.Publishing == PublishingConsent.PublishWithName ? state.PublishedName : null,
            Channel = ResponseChannel.Online,
            SubmittedUtc = now,
            UpdatedUtc = now,
        };

        AddAnswers(response, version, state.Answers);
        return response;
    }

    /// <summary>The answers of <paramref name="response"/>, one row per non-empty answer, in the version's order.</summary>
    internal static void AddAnswers(Response response, ConsultationVersion version, IReadOnlyDictionary<string, AnswerState> answers)
    {
        // Only answer keys of this version's questions (their revision's keys): state from an older version cannot
        // smuggle in other keys, and an answer to a question's old meaning is not stored as an answer to its new one.
        var keys = version.Questions.SelectMany(q => q.FollowUpLabel is null ? [q.AnswerKey] : new[] { q.AnswerKey, q.ExplanationAnswerKey });
        foreach (var key in keys)
        {
            if (answers.TryGetValue(key, out var answer) && !answer.IsEmpty)
            {
                response.Answers.Add(new ResponseAnswer
                {
                    ResponseId = response.Id,
                    ConsultationId = version.ConsultationId,
                    QuestionKey = key,
                    Choice = answer.Choice,
                    Choices = [.. answer.Choices],
                    Text = answer.Text,
                });
            }
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
