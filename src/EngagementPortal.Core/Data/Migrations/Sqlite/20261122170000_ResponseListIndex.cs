using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>An index on responses (ConsultationId, Id), so the back office's filters that test a response's id against
/// a subquery (an answer, a theme, a search) probe the index instead of reading every response row (docs/adr/0102).</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122170000_ResponseListIndex")]
public sealed class ResponseListIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_Id" ON "responses" ("ConsultationId", "Id")
            """);
    }
}
