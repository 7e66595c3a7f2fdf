using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>
/// The answer-text index keeps each answer's response and consultation beside its text (docs/adr/0113), so a search
/// reads no answer row: with 100,000 responses a common word matches 12,000-14,000 answers, and reading each one's row
/// to learn its response cost more than the match itself. The table becomes contentless (the text is indexed but
/// not stored a second time) with its unindexed columns kept (<c>contentless_unindexed</c>, SQLite 3.47+; the
/// bundled SQLite is 3.50) and deletable rows (<c>contentless_delete</c>). The triggers keep it in step with every
/// write as before (docs/adr/0104), now also when an answer's response or consultation changes. A future rebuild of
/// response_answers (create, copy, drop, rename) must recreate these triggers.
/// </summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122190000_ResponseAnswerSearchKeepsResponse")]
public sealed class ResponseAnswerSearchKeepsResponse : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "response_answers_text_insert";""");
        migrationBuilder.Sql("""DROP TRIGGER "response_answers_text_delete";""");
        migrationBuilder.Sql("""DROP TRIGGER "response_answers_text_update";""");
        migrationBuilder.Sql("""DROP TABLE "response_answer_text";""");
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "response_answer_text" USING fts5("Text", "ResponseId" UNINDEXED, "ConsultationId" UNINDEXED, content='', contentless_delete=1, contentless_unindexed=1, tokenize='trigram');
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_insert" AFTER INSERT ON "response_answers" WHEN new."Text" IS NOT NULL
            BEGIN
                INSERT INTO "response_answer_text" ("rowid", "Text", "ResponseId", "ConsultationId") VALUES (new."Id", new."Text", new."ResponseId", new."ConsultationId");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_delete" AFTER DELETE ON "response_answers" WHEN old."Text" IS NOT NULL
            BEGIN
                DELETE FROM "response_answer_text" WHERE "rowid" = old."Id";
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_update" AFTER UPDATE OF "Text", "ResponseId", "ConsultationId" ON "response_answers"
            BEGIN
                DELETE FROM "response_answer_text" WHERE "rowid" = old."Id" AND old."Text" IS NOT NULL;
                INSERT INTO "response_answer_text" ("rowid", "Text", "ResponseId", "ConsultationId") SELECT new."Id", new."Text", new."ResponseId", new."ConsultationId" WHERE new."Text" IS NOT NULL;
            END;
            """);
        migrationBuilder.Sql("""
            INSERT INTO "response_answer_text" ("rowid", "Text", "ResponseId", "ConsultationId") SELECT "Id", "Text", "ResponseId", "ConsultationId" FROM "response_answers" WHERE "Text" IS NOT NULL;
            """);
    }
}
