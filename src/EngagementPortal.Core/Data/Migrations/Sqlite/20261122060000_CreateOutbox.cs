using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>The email outbox.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122060000_CreateOutbox")]
public sealed class CreateOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "outbox_messages" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_outbox_messages" PRIMARY KEY,
                "Kind" TEXT NOT NULL,
                "To" TEXT NOT NULL,
                "Subject" TEXT NOT NULL,
                "TextBody" TEXT NOT NULL,
                "HtmlBody" TEXT NOT NULL,
                "CorrelationId" TEXT NULL,
                "State" TEXT NOT NULL,
                "Attempts" INTEGER NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "NextAttemptUtc" TEXT NOT NULL,
                "LeaseOwner" TEXT NULL,
                "LeaseExpiresUtc" TEXT NULL,
                "SentUtc" TEXT NULL,
                "LastError" TEXT NULL,
                "ProviderMessageId" TEXT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_outbox_messages_CorrelationId" ON "outbox_messages" ("CorrelationId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_outbox_messages_State_NextAttemptUtc" ON "outbox_messages" ("State", "NextAttemptUtc")
            """);
    }
}
