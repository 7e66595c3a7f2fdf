using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>What the jobs remember (notices sent, last runs), and the outbox's link to a consultation for retention.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122150000_JobsAndNotices")]
public sealed class JobsAndNotices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "sent_notices" (
                "Key" TEXT NOT NULL CONSTRAINT "PK_sent_notices" PRIMARY KEY,
                "SentUtc" TEXT NOT NULL,
                "Recipients" INTEGER NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "job_runs" (
                "JobName" TEXT NOT NULL CONSTRAINT "PK_job_runs" PRIMARY KEY,
                "StartedUtc" TEXT NOT NULL,
                "FinishedUtc" TEXT NULL,
                "Outcome" TEXT NOT NULL,
                "Summary" TEXT NULL,
                "Error" TEXT NULL,
                "DurationMilliseconds" INTEGER NULL,
                "ProgressPercent" INTEGER NULL,
                "ProgressMessage" TEXT NULL
            )
            """);

        migrationBuilder.Sql("""
            ALTER TABLE "outbox_messages" ADD COLUMN "ConsultationId" TEXT NULL
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_outbox_messages_ConsultationId" ON "outbox_messages" ("ConsultationId")
            """);
    }
}
