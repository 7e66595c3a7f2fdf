using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

/// <summary>An answer whose text the search index has not taken in yet (docs/adr/0150).</summary>
public sealed class PendingAnswerText
{
    public long AnswerId { get; set; }
}

/// <summary>
/// Brings the answer-text search index (<c>response_answer_text</c>, docs/adr/0104 and 0113) up to date. Writing an
/// answer only notes its id (a trigger fills <c>response_answer_text_pending</c>); the trigram indexing happens here,
/// after the submit has committed, in batches: it was about a sixteenth of a submit's CPU, all of it inside the write
/// lock every submit waits for (docs/adr/0150). The search catches up before it reads, so it never misses an answer;
/// the search-index job catches up between searches so that wait stays short.
/// </summary>
public sealed class AnswerTextIndex(PortalDbContext db, DatabaseWriteGate? writeGate = null)
{
    /// <summary>Answers indexed per transaction: a few tens of milliseconds in the write lock, so submits queued
    /// behind a large catch-up wait no longer than behind a group of their own.</summary>
    public const int BatchSize = 500;

    /// <summary>The next batch's answer ids: the first <see cref="BatchSize"/> ({0}) noted, up to the last noted when the
    /// catch-up began ({1}). One batch for both statements of a transaction: the write lock is held from BEGIN
    /// (IMMEDIATE), so the list cannot change between them.</summary>
    private const string NextBatch = """SELECT "AnswerId" FROM "response_answer_text_pending" WHERE "AnswerId" <= {1} ORDER BY "AnswerId" LIMIT {0}""";

    /// <summary>Indexes every answer written before it was called; returns how many it took from the waiting list.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite())
        {
            return 0;
        }

        // Up to the last answer noted now: answers written while this runs are the next catch-up's, so a search under a
        // stream of submits does not chase them.
        if (await db.PendingAnswerTexts.MaxAsync(p => (long?)p.AnswerId, cancellationToken) is not { } last)
        {
            return 0;
        }

        var total = 0;
        int taken;
        do
        {
            using (await EnterAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync(
                    $"""
                    INSERT INTO "response_answer_text" ("rowid", "Text", "ResponseId", "ConsultationId")
                    SELECT a."Id", a."Text", a."ResponseId", a."ConsultationId" FROM "response_answers" AS a
                    WHERE a."Id" IN ({NextBatch}) AND a."Text" IS NOT NULL
                    """,
                    [BatchSize, last], cancellationToken);
                taken = await db.Database.ExecuteSqlRawAsync(
                    $"""DELETE FROM "response_answer_text_pending" WHERE "AnswerId" IN ({NextBatch})""",
                    [BatchSize, last], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            total += taken;
        }
        while (taken == BatchSize);

        return total;
    }

    private async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken) =>
        writeGate is null ? null : await writeGate.EnterAsync(cancellationToken);
}
