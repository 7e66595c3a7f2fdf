using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>The partnership response's versions: narratives over a chosen collation run, sign-off and publication.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122174000_PartnershipResponses")]
public sealed class PartnershipResponseVersions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "partnership_response_versions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_partnership_response_versions" PRIMARY KEY,
                "ConsultationId" TEXT NOT NULL,
                "Number" INTEGER NOT NULL,
                "State" TEXT NOT NULL,
                "CollationRunId" TEXT NOT NULL,
                "SnapshotHash" TEXT NOT NULL,
                "Narratives" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "UpdatedUtc" TEXT NOT NULL,
                "UpdatedBy" TEXT NOT NULL,
                "SignedOffUtc" TEXT NULL,
                "SignedOffBy" TEXT NULL,
                "SignedOffRole" TEXT NULL,
                "SignedOffAccount" TEXT NULL,
                "PublishedUtc" TEXT NULL,
                "PublishedBy" TEXT NULL,
                "YouSaidWeDid" TEXT NULL,
                CONSTRAINT "FK_partnership_response_versions_collation_runs_CollationRunId" FOREIGN KEY ("CollationRunId") REFERENCES "collation_runs" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_partnership_response_versions_consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "consultations" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_partnership_response_versions_CollationRunId" ON "partnership_response_versions" ("CollationRunId")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_partnership_response_versions_ConsultationId_Number" ON "partnership_response_versions" ("ConsultationId", "Number")
            """);
    }
}
