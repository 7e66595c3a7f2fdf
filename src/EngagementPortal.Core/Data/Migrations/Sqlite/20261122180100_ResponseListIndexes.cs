using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>Indexes the response list's filters lacked (bench/responses, docs/adr/0104): the channel filter read every
/// response row of the consultation; search scans names and email addresses, which these cover; and the newest-first
/// index gains the id, so a page of an "Id IN (…)" filter (answer, theme, search) walks the index without reading
/// every row, and the tie-break on id needs no sort; the answers' choice index gains the response id and the ticks, so
/// the choice filters read no answer row.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122180100_ResponseListIndexes")]
public sealed class ResponseListIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX "IX_responses_ConsultationId_SubmittedUtc"
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_SubmittedUtc_Id" ON "responses" ("ConsultationId", "SubmittedUtc", "Id")
            """);
        migrationBuilder.Sql("""
            DROP INDEX "IX_response_answers_ConsultationId_QuestionKey_Choice"
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_response_answers_ConsultationId_QuestionKey_Choice_ResponseId_Choices" ON "response_answers" ("ConsultationId", "QuestionKey", "Choice", "ResponseId", "Choices")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_Channel" ON "responses" ("ConsultationId", "Channel")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_OrganisationName" ON "responses" ("ConsultationId", "OrganisationName")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_Email" ON "responses" ("ConsultationId", "Email")
            """);
    }
}
