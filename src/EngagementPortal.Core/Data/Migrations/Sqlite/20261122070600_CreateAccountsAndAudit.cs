using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>ASP.NET Core Identity's tables (schema version 1, snake_case names) and the audit log.</summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122070600_CreateAccountsAndAudit")]
public sealed class CreateAccountsAndAudit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "audit_entries" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY AUTOINCREMENT,
                "OccurredUtc" TEXT NOT NULL,
                "ActorId" TEXT NULL,
                "Actor" TEXT NOT NULL,
                "Action" TEXT NOT NULL,
                "Subject" TEXT NULL,
                "Detail" TEXT NULL,
                "IpAddress" TEXT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "roles" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_roles" PRIMARY KEY,
                "Name" TEXT NULL,
                "NormalizedName" TEXT NULL,
                "ConcurrencyStamp" TEXT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "users" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
                "DisplayName" TEXT NOT NULL,
                "CreatedUtc" TEXT NOT NULL,
                "DisabledUtc" TEXT NULL,
                "UserName" TEXT NULL,
                "NormalizedUserName" TEXT NULL,
                "Email" TEXT NULL,
                "NormalizedEmail" TEXT NULL,
                "EmailConfirmed" INTEGER NOT NULL,
                "PasswordHash" TEXT NULL,
                "SecurityStamp" TEXT NULL,
                "ConcurrencyStamp" TEXT NULL,
                "PhoneNumber" TEXT NULL,
                "PhoneNumberConfirmed" INTEGER NOT NULL,
                "TwoFactorEnabled" INTEGER NOT NULL,
                "LockoutEnd" TEXT NULL,
                "LockoutEnabled" INTEGER NOT NULL,
                "AccessFailedCount" INTEGER NOT NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "role_claims" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_role_claims" PRIMARY KEY AUTOINCREMENT,
                "RoleId" TEXT NOT NULL,
                "ClaimType" TEXT NULL,
                "ClaimValue" TEXT NULL,
                CONSTRAINT "FK_role_claims_roles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "roles" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "user_claims" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_user_claims" PRIMARY KEY AUTOINCREMENT,
                "UserId" TEXT NOT NULL,
                "ClaimType" TEXT NULL,
                "ClaimValue" TEXT NULL,
                CONSTRAINT "FK_user_claims_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "user_logins" (
                "LoginProvider" TEXT NOT NULL,
                "ProviderKey" TEXT NOT NULL,
                "ProviderDisplayName" TEXT NULL,
                "UserId" TEXT NOT NULL,
                CONSTRAINT "PK_user_logins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
                CONSTRAINT "FK_user_logins_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "user_roles" (
                "UserId" TEXT NOT NULL,
                "RoleId" TEXT NOT NULL,
                CONSTRAINT "PK_user_roles" PRIMARY KEY ("UserId", "RoleId"),
                CONSTRAINT "FK_user_roles_roles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "roles" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_user_roles_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "user_tokens" (
                "UserId" TEXT NOT NULL,
                "LoginProvider" TEXT NOT NULL,
                "Name" TEXT NOT NULL,
                "Value" TEXT NULL,
                CONSTRAINT "PK_user_tokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
                CONSTRAINT "FK_user_tokens_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_audit_entries_Action_OccurredUtc" ON "audit_entries" ("Action", "OccurredUtc")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_audit_entries_OccurredUtc" ON "audit_entries" ("OccurredUtc")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_role_claims_RoleId" ON "role_claims" ("RoleId")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "RoleNameIndex" ON "roles" ("NormalizedName")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_user_claims_UserId" ON "user_claims" ("UserId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_user_logins_UserId" ON "user_logins" ("UserId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_user_roles_RoleId" ON "user_roles" ("RoleId")
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "EmailIndex" ON "users" ("NormalizedEmail")
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "UserNameIndex" ON "users" ("NormalizedUserName")
            """);
    }
}
