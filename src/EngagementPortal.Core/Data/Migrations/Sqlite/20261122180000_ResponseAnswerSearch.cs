using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>
/// A full-text index over answers' written text (SQLite FTS5, trigram tokenizer), so the back office's search is an
/// index lookup instead of a <c>LIKE '%…%'</c> scan of every answer (docs/adr/0104). External content: the text stays
/// in response_answers alone and the index is kept in step by triggers, so every path that writes an answer (the
/// journey, keyed-in responses, partner submissions, erasure, raw bulk inserts) is covered without knowing of it.
/// The virtual table and its shadow tables are outside the EF model; MigrationsTests compares ordinary tables only.
/// A future rebuild of response_answers (create, copy, drop, rename) must recreate these triggers.
/// </summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122180000_ResponseAnswerSearch")]
public sealed class ResponseAnswerSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "response_answer_text" USING fts5("Text", content='response_answers', content_rowid='Id', tokenize='trigram');
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_insert" AFTER INSERT ON "response_answers" WHEN new."Text" IS NOT NULL
            BEGIN
                INSERT INTO "response_answer_text" ("rowid", "Text") VALUES (new."Id", new."Text");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_delete" AFTER DELETE ON "response_answers" WHEN old."Text" IS NOT NULL
            BEGIN
                INSERT INTO "response_answer_text" ("response_answer_text", "rowid", "Text") VALUES ('delete', old."Id", old."Text");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "response_answers_text_update" AFTER UPDATE OF "Text" ON "response_answers"
            BEGIN
                INSERT INTO "response_answer_text" ("response_answer_text", "rowid", "Text") SELECT 'delete', old."Id", old."Text" WHERE old."Text" IS NOT NULL;
                INSERT INTO "response_answer_text" ("rowid", "Text") SELECT new."Id", new."Text" WHERE new."Text" IS NOT NULL;
            END;
            """);

        // Index the answers already written, as the triggers would have: only rows with text ('rebuild' would also
        // record every choice-only row, which the triggers then never delete).
        migrationBuilder.Sql("""
            INSERT INTO "response_answer_text" ("rowid", "Text") SELECT "Id", "Text" FROM "response_answers" WHERE "Text" IS NOT NULL;
            """);
    }
}
