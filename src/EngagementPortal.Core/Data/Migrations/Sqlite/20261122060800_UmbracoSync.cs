using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>Umbraco-backed content: withdrawal of a consultation, the sync status officers see, and the notices of changes a source made.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122060800_UmbracoSync")]
public sealed class UmbracoSync : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE "consultations" ADD "UnpublishedUtc" TEXT NULL
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "content_sync_status" (
                "Source" TEXT NOT NULL CONSTRAINT "PK_content_sync_status" PRIMARY KEY,
                "LastAttemptUtc" TEXT NOT NULL,
                "LastOutcome" TEXT NOT NULL,
                "LastSuccessUtc" TEXT NULL,
                "LastFailureUtc" TEXT NULL,
                "LastProblem" TEXT NULL,
                "ConsultationCount" INTEGER NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "content_change_notices" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_content_change_notices" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "VersionNumber" INTEGER NULL,
                "Kind" TEXT NOT NULL,
                "QuestionKey" TEXT NULL,
                "Message" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "AcknowledgedUtc" TEXT NULL,
                CONSTRAINT "FK_content_change_notices_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_content_change_notices_ConsultationId_CreatedUtc" ON "content_change_notices" ("ConsultationId", "CreatedUtc")
            """);
    }
}
