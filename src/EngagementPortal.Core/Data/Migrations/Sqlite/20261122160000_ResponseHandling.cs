using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>
/// What handling responses needs, shared by the back office, partners and collation: moderation states with a reason,
/// more channels, redacted text beside the original, the time a response last changed (collation's watermark), the
/// partner submission a row carries, coding frames and tags, places, and collation runs with their snapshots.
/// The responses table is rebuilt (SQLite cannot add a NOT NULL column without a default), as EF Core itself does,
/// with foreign keys off so dropping the old table does not cascade to the answers.
/// </summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122160000_ResponseHandling")]
public sealed class ResponseHandling : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "coding_themes" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_coding_themes" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "QuestionKey" TEXT NOT NULL,
                "Name" TEXT NOT NULL,
                "Description" TEXT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "MergedIntoThemeId" TEXT NULL,
                CONSTRAINT "FK_coding_themes_coding_themes_MergedIntoThemeId" FOREIGN KEY ("MergedIntoThemeId") REFERENCES "coding_themes" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_coding_themes_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_coding_themes_ConsultationId_QuestionKey" ON "coding_themes" ("ConsultationId", "QuestionKey")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_coding_themes_MergedIntoThemeId" ON "coding_themes" ("MergedIntoThemeId")
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "answer_themes" (
                "ResponseAnswerId" INTEGER NOT NULL,
                "ThemeId" TEXT NOT NULL,
                "TaggedUtc" TEXT NOT NULL,
                CONSTRAINT "PK_answer_themes" PRIMARY KEY ("ResponseAnswerId", "ThemeId"),
                CONSTRAINT "FK_answer_themes_coding_themes_ThemeId" FOREIGN KEY ("ThemeId") REFERENCES "coding_themes" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_answer_themes_response_answers_ResponseAnswerId" FOREIGN KEY ("ResponseAnswerId") REFERENCES "response_answers" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_answer_themes_ThemeId" ON "answer_themes" ("ThemeId")
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "places" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_places" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "PostcodeDistricts" TEXT NOT NULL,
                "IsSample" INTEGER NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_places_Name" ON "places" ("Name")
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "collation_runs" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_collation_runs" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "Trigger" TEXT NOT NULL,
                "Status" TEXT NOT NULL,
                "StartedUtc" TEXT NOT NULL,
                "FinishedUtc" TEXT NULL,
                "ProgressPercent" INTEGER NOT NULL,
                "Error" TEXT NULL,
                "ResponsesCounted" INTEGER NOT NULL,
                "WatermarkUtc" TEXT NULL,
                "ContentHash" TEXT NULL,
                "SnapshotJson" TEXT NULL,
                CONSTRAINT "FK_collation_runs_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_collation_runs_ConsultationId_StartedUtc" ON "collation_runs" ("ConsultationId", "StartedUtc")
            """);

        migrationBuilder.Sql("""
            ALTER TABLE "response_answers" ADD COLUMN "RedactedText" TEXT NULL
            """);

        migrationBuilder.Sql("""
            PRAGMA foreign_keys = 0
            """, suppressTransaction: true);

        migrationBuilder.Sql("""
            CREATE TABLE "ef_temp_responses" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_responses" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "ConsultationVersionId" TEXT NOT NULL,
                "Reference" TEXT NOT NULL,
                "IdempotencyKey" TEXT NOT NULL,
                "RespondentType" TEXT NOT NULL,
                "OrganisationName" TEXT NULL,
                "Role" TEXT NULL,
                "PostcodeDistrict" TEXT NULL,
                "Email" TEXT NULL,
                "PublishingConsent" TEXT NOT NULL,
                "PublishedName" TEXT NULL,
                "Channel" TEXT NOT NULL,
                "SubmittedUtc" TEXT NOT NULL,
                "ModerationState" TEXT NOT NULL,
                "ModerationReason" TEXT NULL,
                "UpdatedUtc" TEXT NOT NULL,
                "PartnerSubmissionId" TEXT NULL,
                CONSTRAINT "FK_responses_consultation_versions_ConsultationVersionId" FOREIGN KEY ("ConsultationVersionId") REFERENCES "consultation_versions" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_responses_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE RESTRICT
            )
            """);

        migrationBuilder.Sql("""
            INSERT INTO "ef_temp_responses" ("Id", "ConsultationId", "ConsultationVersionId", "Reference", "IdempotencyKey", "RespondentType", "OrganisationName", "Role", "PostcodeDistrict", "Email", "PublishingConsent", "PublishedName", "Channel", "SubmittedUtc", "ModerationState", "ModerationReason", "UpdatedUtc", "PartnerSubmissionId")
            SELECT "Id", "ConsultationId", "ConsultationVersionId", "Reference", "IdempotencyKey", "RespondentType", "OrganisationName", "Role", "PostcodeDistrict", "Email", "PublishingConsent", "PublishedName",
                CASE "Channel" WHEN 'Post' THEN 'Letter' WHEN 'Event' THEN 'EventNotes' ELSE "Channel" END,
                "SubmittedUtc", CASE WHEN "ModerationState" IN ('Flagged', 'Hidden') THEN 'None' ELSE "ModerationState" END, NULL, "SubmittedUtc", NULL
            FROM "responses"
            """);

        migrationBuilder.Sql("""
            DROP TABLE "responses"
            """);

        migrationBuilder.Sql("""
            ALTER TABLE "ef_temp_responses" RENAME TO "responses"
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_ModerationState" ON "responses" ("ConsultationId", "ModerationState")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_RespondentType" ON "responses" ("ConsultationId", "RespondentType")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_SubmittedUtc" ON "responses" ("ConsultationId", "SubmittedUtc")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationId_UpdatedUtc" ON "responses" ("ConsultationId", "UpdatedUtc")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_responses_ConsultationVersionId" ON "responses" ("ConsultationVersionId")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_responses_IdempotencyKey" ON "responses" ("IdempotencyKey")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_responses_PartnerSubmissionId" ON "responses" ("PartnerSubmissionId")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_responses_Reference" ON "responses" ("Reference")
            """);

        migrationBuilder.Sql("""
            PRAGMA foreign_keys = 1
            """, suppressTransaction: true);
    }
}
