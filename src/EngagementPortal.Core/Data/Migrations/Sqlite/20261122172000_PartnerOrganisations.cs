using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>Partner organisations: the register, single-use invitations, and one formal submission per
/// organisation per consultation (created at invitation, drafted together, locked on submit).</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122172000_PartnerOrganisations")]
public sealed class PartnerOrganisations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "partner_organisations" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_partner_organisations" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "Type" TEXT NOT NULL,
                "PlaceIds" TEXT NOT NULL,
                "ContactName" TEXT NULL,
                "ContactEmail" TEXT NULL,
                "IsSample" INTEGER NOT NULL,
                "CreatedUtc" TEXT NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "partner_invitations" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_partner_invitations" PRIMARY KEY,
                "OrganisationId" TEXT NOT NULL,
                "ConsultationId" TEXT NULL,
                "Email" TEXT NOT NULL,
                "TokenHash" TEXT NOT NULL,
                "InvitedBy" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "ExpiresUtc" TEXT NOT NULL,
                "AcceptedUtc" TEXT NULL,
                "AcceptedUserId" TEXT NULL,
                CONSTRAINT "FK_partner_invitations_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_partner_invitations_partner_organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "partner_organisations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "partner_submissions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_partner_submissions" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "OrganisationId" TEXT NOT NULL,
                "InvitedUtc" TEXT NOT NULL,
                "Answers" TEXT NOT NULL,
                "OverallPosition" TEXT NULL,
                "Evidence" TEXT NULL,
                "LetterFile" TEXT NULL,
                "LetterFormat" TEXT NULL,
                "LetterSizeBytes" INTEGER NOT NULL,
                "Version" INTEGER NOT NULL,
                "LastEditedUtc" TEXT NULL,
                "LastEditedBy" TEXT NULL,
                "SignatoryName" TEXT NULL,
                "SignatoryRole" TEXT NULL,
                "GovernanceStatus" TEXT NULL,
                "ApprovedOn" TEXT NULL,
                "SubmittedUtc" TEXT NULL,
                "SubmittedBy" TEXT NULL,
                "Reference" TEXT NULL,
                "IsLate" INTEGER NOT NULL,
                "ResponseId" TEXT NULL,
                "ReopenedUtc" TEXT NULL,
                CONSTRAINT "FK_partner_submissions_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_partner_submissions_partner_organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "partner_organisations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_partner_invitations_ConsultationId" ON "partner_invitations" ("ConsultationId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_partner_invitations_OrganisationId" ON "partner_invitations" ("OrganisationId")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_partner_invitations_TokenHash" ON "partner_invitations" ("TokenHash")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_partner_organisations_Name" ON "partner_organisations" ("Name")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_partner_submissions_ConsultationId_OrganisationId" ON "partner_submissions" ("ConsultationId", "OrganisationId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_partner_submissions_OrganisationId" ON "partner_submissions" ("OrganisationId")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "partner_submissions" """);
        migrationBuilder.Sql("""DROP TABLE "partner_invitations" """);
        migrationBuilder.Sql("""DROP TABLE "partner_organisations" """);
    }
}
