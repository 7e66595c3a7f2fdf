using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>Responses and their answers, equality monitoring (apart), the reference counter, journeys in progress,
/// save-and-return links and respondents' data requests.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122070000_CreateResponses")]
public sealed class CreateResponses : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "equality_monitoring" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_equality_monitoring" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "AgeBand" TEXT NULL,
                "Sex" TEXT NULL,
                "Disability" TEXT NULL,
                "Ethnicity" TEXT NULL,
                "SubmittedOn" TEXT NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "reference_counters" (
                "Name" TEXT NOT NULL CONSTRAINT "PK_reference_counters" PRIMARY KEY,
                "Value" INTEGER NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "response_journeys" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_response_journeys" PRIMARY KEY,
                "TokenHash" TEXT NOT NULL,
                "ConsultationId" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "UpdatedUtc" TEXT NOT NULL,
                "ExpiresUtc" TEXT NOT NULL,
                "Revision" INTEGER NOT NULL,
                "ResponseId" TEXT NULL,
                CONSTRAINT "FK_response_journeys_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "responses" (
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
                CONSTRAINT "FK_responses_consultation_versions_ConsultationVersionId" FOREIGN KEY ("ConsultationVersionId") REFERENCES "consultation_versions" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_responses_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE RESTRICT
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "save_and_return_links" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_save_and_return_links" PRIMARY KEY,
                "JourneyId" TEXT NOT NULL,
                "TokenHash" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "ExpiresUtc" TEXT NOT NULL,
                "UsedUtc" TEXT NULL,
                CONSTRAINT "FK_save_and_return_links_response_journeys_JourneyId" FOREIGN KEY ("JourneyId") REFERENCES "response_journeys" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "data_requests" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_data_requests" PRIMARY KEY,
                "Kind" TEXT NOT NULL,
                "Reference" TEXT NOT NULL,
                "Email" TEXT NOT NULL,
                "ResponseId" TEXT NULL,
                "State" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                CONSTRAINT "FK_data_requests_responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "responses" ("Id") ON DELETE SET NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "response_answers" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_response_answers" PRIMARY KEY AUTOINCREMENT,
                "ResponseId" TEXT NOT NULL,
                "ConsultationId" TEXT NOT NULL,
                "QuestionKey" TEXT NOT NULL,
                "Choice" TEXT NULL,
                "Choices" TEXT NOT NULL,
                "Text" TEXT NULL,
                CONSTRAINT "FK_response_answers_responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "responses" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_data_requests_ResponseId" ON "data_requests" ("ResponseId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_data_requests_State_CreatedUtc" ON "data_requests" ("State", "CreatedUtc")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_equality_monitoring_ConsultationId" ON "equality_monitoring" ("ConsultationId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_response_answers_ConsultationId_QuestionKey_Choice" ON "response_answers" ("ConsultationId", "QuestionKey", "Choice")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_response_answers_ResponseId_QuestionKey" ON "response_answers" ("ResponseId", "QuestionKey")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_response_journeys_ConsultationId" ON "response_journeys" ("ConsultationId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_response_journeys_ExpiresUtc" ON "response_journeys" ("ExpiresUtc")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_response_journeys_TokenHash" ON "response_journeys" ("TokenHash")
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
            CREATE INDEX "IX_responses_ConsultationVersionId" ON "responses" ("ConsultationVersionId")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_responses_IdempotencyKey" ON "responses" ("IdempotencyKey")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_responses_Reference" ON "responses" ("Reference")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_save_and_return_links_JourneyId" ON "save_and_return_links" ("JourneyId")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_save_and_return_links_TokenHash" ON "save_and_return_links" ("TokenHash")
            """);
    }
}
