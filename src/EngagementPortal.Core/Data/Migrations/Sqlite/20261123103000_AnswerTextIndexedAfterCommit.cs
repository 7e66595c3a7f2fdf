using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>
/// The answer-text index takes new answers after their commit instead of inside it (docs/adr/0150). Writing an answer
/// now only notes its id in <c>response_answer_text_pending</c>; <c>AnswerTextIndex</c> indexes the noted answers in
/// batches, before every search and from the search-index job. Deleting or changing an answer still takes its old
/// text out of the index at once when the index holds it, and a noted answer is simply indexed as it stands when its
/// turn comes. The index is never asked to delete a row it does not hold. A future rebuild of response_answers
/// (create, copy, drop, rename) must recreate these triggers.
/// </summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261123103000_AnswerTextIndexedAfterCommit")]
public sealed class AnswerTextIndexedAfterCommit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "response_answer_text_pending" (
                "AnswerId" INTEGER NOT NULL CONSTRAINT "PK_response_answer_text_pending" PRIMARY KEY
            )
            """);
        migrationBuilder.Sql("""DROP TRIGGER "response_answers_text_insert";""");
        migrationBuilder.Sql("""DROP TRIGGER "response_answers_text_delete";""");
        migrationBuilder.Sql("""DROP TRIGGER "response_answers_text_update";""");
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_insert" AFTER INSERT ON "response_answers" WHEN new."Text" IS NOT NULL
            BEGIN
                INSERT INTO "response_answer_text_pending" ("AnswerId") VALUES (new."Id");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_delete" AFTER DELETE ON "response_answers" WHEN old."Text" IS NOT NULL
            BEGIN
                DELETE FROM "response_answer_text" WHERE "rowid" = old."Id" AND NOT EXISTS (SELECT 1 FROM "response_answer_text_pending" WHERE "AnswerId" = old."Id");
                DELETE FROM "response_answer_text_pending" WHERE "AnswerId" = old."Id";
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_update" AFTER UPDATE OF "Text", "ResponseId", "ConsultationId" ON "response_answers"
            BEGIN
                DELETE FROM "response_answer_text" WHERE "rowid" = old."Id" AND old."Text" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "response_answer_text_pending" WHERE "AnswerId" = old."Id");
                DELETE FROM "response_answer_text_pending" WHERE "AnswerId" = old."Id" AND new."Text" IS NULL;
                INSERT OR IGNORE INTO "response_answer_text_pending" ("AnswerId") SELECT new."Id" WHERE new."Text" IS NOT NULL;
            END;
            """);
    }
}
