using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Tests.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.Data;

public sealed class MultiRowInsertTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InsertRows_MoreThanOneStatementHolds_StoresEveryRowAsEfWouldReadIt()
    {
        var version = await JourneyStoreTests.AddConsultationAsync(_database);
        var response = new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = version.ConsultationId,
            ConsultationVersionId = version.Id,
            Reference = "ICS-TEST",
            IdempotencyKey = Guid.NewGuid().ToString(),
            SubmittedUtc = new DateTime(2020, 12, 1, 10, 0, 0, DateTimeKind.Utc),
            UpdatedUtc = new DateTime(2020, 12, 1, 10, 0, 0, DateTimeKind.Utc),
        };
        var rows = Enumerable.Range(0, 1_201).Select(i => new ResponseAnswer
        {
            ResponseId = response.Id,
            ConsultationId = version.ConsultationId,
            QuestionKey = $"q{i}",
            Choice = i % 3 == 0 ? null : "Agree",
            Choices = i % 2 == 0 ? ["A&E", "GP \"out of hours\""] : [],
            Text = i % 5 == 0 ? $"answer {i} about transport 'quoted'" : null,
        }).ToList();

        await using (var db = _database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Responses.Add(response);
            await db.SaveChangesAsync();
            await db.InsertRowsAsync(rows);
            await transaction.CommitAsync();
        }

        await using var check = _database.CreateContext();
        var stored = await check.ResponseAnswers.Where(a => a.ResponseId == response.Id).ToDictionaryAsync(a => a.QuestionKey);
        Assert.Equal(rows.Count, stored.Count);
        Assert.All(rows, row =>
        {
            var read = stored[row.QuestionKey];
            Assert.Equal((row.ConsultationId, row.Choice, row.Text, row.RedactedText), (read.ConsultationId, read.Choice, read.Text, read.RedactedText));
            Assert.Equal(row.Choices, read.Choices);
            Assert.True(read.Id > 0);
        });
        // The answer-text trigger noted every row with text, and the index takes them in (docs/adr/0150).
        Assert.Equal(rows.Count(r => r.Text is not null), await check.PendingAnswerTexts.CountAsync());
        await new AnswerTextIndex(check).CatchUpAsync();
        var matches = await check.Database.SqlQueryRaw<long>("""SELECT COUNT(*) AS "Value" FROM "response_answer_text" WHERE "response_answer_text" MATCH 'transport'""").SingleAsync();
        Assert.Equal(rows.Count(r => r.Text is not null), matches);
    }

    [Fact]
    public async Task InsertRows_InATransactionRolledBack_StoresNothing()
    {
        var version = await JourneyStoreTests.AddConsultationAsync(_database);
        await using (var db = _database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var response = new Response
            {
                Id = Guid.NewGuid(),
                ConsultationId = version.ConsultationId,
                ConsultationVersionId = version.Id,
                Reference = "ICS-TEST",
                IdempotencyKey = "k",
                SubmittedUtc = DateTime.UtcNow,
                UpdatedUtc = DateTime.UtcNow,
            };
            db.Responses.Add(response);
            await db.SaveChangesAsync();
            await db.InsertRowsAsync([new ResponseAnswer { ResponseId = response.Id, ConsultationId = version.ConsultationId, QuestionKey = "k1", Text = "x" }]);
        }

        await using var check = _database.CreateContext();
        Assert.Equal(0, await check.ResponseAnswers.CountAsync());
    }
}
