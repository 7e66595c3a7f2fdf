using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>Consultations, their versions, and the portal's own settings.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122050000_CreateConsultations")]
public sealed class CreateConsultations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "consultations" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_consultations" PRIMARY KEY,
                "Slug" TEXT NOT NULL,
                "Origin" TEXT NOT NULL,
                "OriginKey" TEXT NULL,
                "CreatedUtc" TEXT NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "portal_settings" (
                "Key" TEXT NOT NULL CONSTRAINT "PK_portal_settings" PRIMARY KEY,
                "Value" TEXT NOT NULL,
                "UpdatedUtc" TEXT NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "consultation_versions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_consultation_versions" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "Number" INTEGER NOT NULL,
                "State" TEXT NOT NULL,
                "Title" TEXT NOT NULL,
                "Summary" TEXT NOT NULL,
                "Body" TEXT NOT NULL,
                "BodyFormat" TEXT NOT NULL,
                "HowToRespond" TEXT NULL,
                "Audience" TEXT NOT NULL,
                "Publisher" TEXT NULL,
                "SourceUrl" TEXT NULL,
                "AuthoredOpensUtc" TEXT NOT NULL,
                "AuthoredClosesUtc" TEXT NOT NULL,
                "AuthoredPartnershipDeadlineUtc" TEXT NULL,
                "PartnershipDeadlineIsIllustrative" INTEGER NOT NULL,
                "DemoShiftDays" INTEGER NOT NULL,
                "OpensUtc" TEXT NOT NULL,
                "ClosesUtc" TEXT NOT NULL,
                "PartnershipDeadlineUtc" TEXT NULL,
                "Questions" TEXT NOT NULL,
                "Documents" TEXT NOT NULL,
                "ContentHash" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "PublishedUtc" TEXT NULL,
                CONSTRAINT "FK_consultation_versions_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_consultation_versions_ConsultationId_Number" ON "consultation_versions" ("ConsultationId", "Number")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_consultation_versions_State" ON "consultation_versions" ("State")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_consultations_Origin_OriginKey" ON "consultations" ("Origin", "OriginKey")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_consultations_Slug" ON "consultations" ("Slug")
            """);
    }
}
