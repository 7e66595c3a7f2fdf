using System.Globalization;
using System.Text;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
/// Submits arriving together commit together (group commit, docs/adr/0034): each request prepares its response,
/// joins <see cref="SubmitQueue"/>, and whichever holds the write gate writes everything waiting in one
/// transaction with one sync to disk. A request is answered only after the transaction holding its response commits.
/// </summary>
public sealed class ResponseSubmission(PortalDbContext db, EmailOutbox outbox, TimeProvider time, IOptions<ResponseOptions> options, DatabaseWriteGate? writeGate = null, SubmitQueue? queue = null)
{
    public const string CounterName = "responses";

    // Without a shared queue (a test's own instance) a submit commits alone.
    private readonly SubmitQueue _queue = queue ?? new SubmitQueue();

    public async Task<SubmitResult> SubmitAsync(ResponseJourney journey, ConsultationVersion version, string baseUrl, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await SubmitOnceAsync(journey, version, baseUrl, cancellationToken) is { } result)
            {
                return result;
            }

            // Another tab saved a step between our read and the write: read the journey again and decide afresh.
            journey = await db.ResponseJourneys.AsNoTracking().SingleAsync(j => j.Id == journey.Id, cancellationToken);
            if (attempt == 5)
            {
                throw new DbUpdateConcurrencyException($"Journey {journey.Id} kept changing while it was being submitted.");
            }
        }
    }

    /// <summary>The outcome, or null when the journey changed since it was read.</summary>
    private async Task<SubmitResult?> SubmitOnceAsync(ResponseJourney journey, ConsultationVersion version, string baseUrl, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (version.PhaseAt(now) != ConsultationPhase.Open)
        {
            return new(SubmitOutcome.NotOpen);
        }

        if (journey.ResponseId is { } submittedId)
        {
            return new(SubmitOutcome.AlreadySubmitted, await FindReferenceAsync(submittedId, cancellationToken));
        }

        var state = JourneyState.FromJson(journey.State);
        if (new JourneyCoordinator(version).FirstIncomplete(state) is { } step)
        {
            return new(SubmitOutcome.Incomplete, Step: step);
        }

        var response = Build(version, state, now);
        var pending = new PendingSubmit(journey.Id, journey.Revision, version, state, response, AnswersOf(response, version, state.Answers), baseUrl, now);
        _queue.Add(pending);

        // Not the request's token: once queued, the submit is written by whoever holds the gate, so its owner waits
        // for it rather than leave an answer nobody reads. The gate's own time limit still applies.
        using (writeGate is null ? null : await writeGate.EnterAsync(CancellationToken.None))
        {
            if (!pending.IsDone)
            {
                await WriteAsync(_queue.Take(SubmitQueue.MaxBatch));
            }
        }

        return await pending.Outcome;
    }

    private async Task WriteAsync(List<PendingSubmit> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await WriteTogetherAsync(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Something in the group failed the whole transaction: write each alone, so only its own request fails.
            foreach (var pending in batch)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            batch[0].Fail(ex);
        }
    }

    private async Task WriteTogetherAsync(List<PendingSubmit> batch)
    {
        db.ChangeTracker.Clear();
        try
        {
            // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is held from here, so what is read next holds.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var keys = batch.Select(p => p.Response.IdempotencyKey).ToList();
            var stored = await db.Responses.AsNoTracking().Where(r => keys.Contains(r.IdempotencyKey))
                .ToDictionaryAsync(r => r.IdempotencyKey, r => r.Reference, CancellationToken.None);
            var journeyIds = batch.Select(p => p.JourneyId).ToList();
            var revisions = await db.ResponseJourneys.AsNoTracking().Where(j => journeyIds.Contains(j.Id))
                .ToDictionaryAsync(j => j.Id, j => j.Revision, CancellationToken.None);

            var writing = new List<PendingSubmit>();
            var first = new Dictionary<string, PendingSubmit>(StringComparer.Ordinal);
            foreach (var pending in batch)
            {
                if (stored.TryGetValue(pending.Response.IdempotencyKey, out var reference))
                {
                    pending.Decide(new(SubmitOutcome.AlreadySubmitted, reference));
                }
                else if (!revisions.TryGetValue(pending.JourneyId, out var revision) || revision != pending.Revision)
                {
                    pending.Decide(null);
                }
                else if (first.TryGetValue(pending.Response.IdempotencyKey, out var original))
                {
                    // Two tabs of one journey in one group: one response, and both get its reference.
                    pending.DecideAsCopyOf(original);
                }
                else
                {
                    first[pending.Response.IdempotencyKey] = pending;
                    writing.Add(pending);
                }
            }

            if (writing.Count > 0)
            {
                var last = await NextSequenceAsync(writing.Count, CancellationToken.None);
                var rows = new GroupRows();
                for (var i = 0; i < writing.Count; i++)
                {
                    var reference = ResponseReference.Format(options.Value.ReferencePrefix, last - writing.Count + 1 + i);
                    Add(writing[i], reference, rows);
                    writing[i].Decide(new(SubmitOutcome.Submitted, reference));
                }

                // One statement a table for the whole group, not EF's statement a row (docs/adr/0034). Receipts go
                // through the outbox and SaveChanges like every other message, so its interceptors see them.
                await db.InsertRowsAsync(rows.Responses, CancellationToken.None);
                await db.InsertRowsAsync(rows.Equality, CancellationToken.None);
                await db.InsertRowsAsync(rows.Answers, CancellationToken.None);
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }

                await MarkSubmittedAsync(writing);
            }

            await transaction.CommitAsync(CancellationToken.None);
            foreach (var pending in batch)
            {
                pending.Complete();
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private sealed class GroupRows
    {
        public List<Response> Responses { get; } = [];

        public List<EqualityMonitoring> Equality { get; } = [];

        public List<ResponseAnswer> Answers { get; } = [];
    }

    private void Add(PendingSubmit pending, string reference, GroupRows rows)
    {
        var (version, state, response) = (pending.Version, pending.State, pending.Response);
        response.Reference = reference;
        rows.Responses.Add(response);
        rows.Answers.AddRange(pending.Answers);
        if (state.Equality is { IsEmpty: false } equality)
        {
            rows.Equality.Add(new EqualityMonitoring
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(pending.Now, TimeSpan.Zero)),
                ConsultationId = version.ConsultationId,
                AgeBand = equality.AgeBand,
                Sex = equality.Sex,
                Disability = equality.Disability,
                Ethnicity = equality.Ethnicity,
                SubmittedOn = DateOnly.FromDateTime(pending.Now),
            });
        }

        if (state.Email is not null)
        {
            var receipt = ReceiptEmail.Receipt(version, reference, state, pending.BaseUrl);
            // The about-you step checked the address with the same rule; were it refused here, the response still
            // counts (a receipt is a courtesy, the answers are the point) and no row is queued to fail later.
            outbox.Enqueue(ReceiptEmail.ReceiptKind, state.Email, receipt.Subject, receipt.Text, receipt.Html, reference, version.ConsultationId);
        }
    }

    /// <summary>Marks every written journey with its response in one statement (an ExecuteUpdate per journey costs a
    /// statement and a trip through EF's query pipeline each, inside the write lock).</summary>
    private async Task MarkSubmittedAsync(List<PendingSubmit> writing)
    {
        var (id, responseId, updated) = (ModelColumn.Of<ResponseJourney>(db, nameof(ResponseJourney.Id)), ModelColumn.Of<ResponseJourney>(db, nameof(ResponseJourney.ResponseId)), ModelColumn.Of<ResponseJourney>(db, nameof(ResponseJourney.UpdatedUtc)));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var responses = new StringBuilder();
        var times = new StringBuilder();
        var ids = new StringBuilder();
        for (var i = 0; i < writing.Count; i++)
        {
            var p = writing[i];
            command.Parameters.Add(id.Parameter(command, $"@j{i}", p.JourneyId));
            command.Parameters.Add(responseId.Parameter(command, $"@r{i}", p.Response.Id));
            command.Parameters.Add(updated.Parameter(command, $"@u{i}", p.Now));
            responses.Append(CultureInfo.InvariantCulture, $" WHEN @j{i} THEN @r{i}");
            times.Append(CultureInfo.InvariantCulture, $" WHEN @j{i} THEN @u{i}");
            ids.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"@j{i}");
        }

        command.CommandText = $"UPDATE {ModelColumn.QuotedTable<ResponseJourney>(db)} SET {responseId.Quoted} = CASE {id.Quoted}{responses} END, "
            + $"{updated.Quoted} = CASE {id.Quoted}{times} END WHERE {id.Quoted} IN ({ids})";
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public Task<string?> FindReferenceAsync(Guid responseId, CancellationToken cancellationToken = default) =>
        db.Responses.AsNoTracking().Where(r => r.Id == responseId).Select(r => r.Reference).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The next reference, for a response saved in the current transaction (a journey's submit here, or an
    /// officer keying in another channel's response in <see cref="KeyedResponses"/>).</summary>
    public async Task<string> NextReferenceAsync(CancellationToken cancellationToken = default) =>
        ResponseReference.Format(options.Value.ReferencePrefix, await NextSequenceAsync(1, cancellationToken));

    /// <summary>Takes the next <paramref name="count"/> numbers of the counter inside the current transaction and
    /// returns the last: the numbers are last - count + 1 to last. Taken as a write, so concurrent transactions queue
    /// on the database's write lock instead of failing on a stale snapshot.</summary>
    private async Task<long> NextSequenceAsync(int count, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "reference_counters" ("Name", "Value") VALUES (@name, @count)
            ON CONFLICT ("Name") DO UPDATE SET "Value" = "Value" + @count
            RETURNING "Value"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = CounterName;
        command.Parameters.Add(parameter);
        var countParameter = command.CreateParameter();
        countParameter.ParameterName = "@count";
        countParameter.Value = count;
        command.Parameters.Add(countParameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The response, its reference left for the write to give.</summary>
    private static Response Build(ConsultationVersion version, JourneyState state, DateTime now)
    {
        var response = new Response
        {
            // Time-ordered, so a group's rows land together at the end of every index on the id (docs/adr/0152).
            Id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)),
            ConsultationId = version.ConsultationId,
            ConsultationVersionId = version.Id,
            Reference = string.Empty,
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

        return response;
    }

    /// <summary>The answers of <paramref name="response"/>, one row per non-empty answer, in the version's order; not
    /// added to the response, so they are written with one statement (<see cref="MultiRowInsert"/>).</summary>
    internal static List<ResponseAnswer> AnswersOf(Response response, ConsultationVersion version, IReadOnlyDictionary<string, AnswerState> answers)
    {
        var rows = new List<ResponseAnswer>();
        // Only answer keys of this version's questions (their revision's keys): state from an older version cannot
        // smuggle in other keys, and an answer to a question's old meaning is not stored as an answer to its new one.
        var keys = version.Questions.SelectMany(q => q.FollowUpLabel is null ? [q.AnswerKey] : new[] { q.AnswerKey, q.ExplanationAnswerKey });
        foreach (var key in keys)
        {
            if (answers.TryGetValue(key, out var answer) && !answer.IsEmpty)
            {
                rows.Add(new ResponseAnswer
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

        return rows;
    }
}
