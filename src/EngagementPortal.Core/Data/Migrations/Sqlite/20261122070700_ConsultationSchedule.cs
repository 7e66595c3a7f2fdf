using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>Scheduled publish and unpublish instants on a consultation version (docs/adr/0064).</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122070700_ConsultationSchedule")]
public sealed class ConsultationSchedule : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE "consultation_versions" ADD COLUMN "PublishAtUtc" TEXT NULL
            """);

        migrationBuilder.Sql("""
            ALTER TABLE "consultation_versions" ADD COLUMN "UnpublishAtUtc" TEXT NULL
            """);
    }
}
