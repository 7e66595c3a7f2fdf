using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EngagementPortal.Core.Data.Migrations.Sqlite;

/// <summary>
/// Quartz's ADO.NET job store (docs/adr/0051): the tables of Quartz.NET's own SQLite script
/// (database/tables/tables_sqlite.sql, 4.x columns included) under the prefix <c>qrtz_</c>. They are Quartz's,
/// not the EF model's, so MigrationsTests leaves <c>qrtz_*</c> out and QuartzSchemaTests compares them with the
/// schema Quartz 4.7.3 creates itself.
/// </summary>
[DbContext(typeof(SqlitePortalDbContext))]
[Migration("20261122150100_QuartzTables")]
public sealed class QuartzTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in Statements)
        {
            migrationBuilder.Sql(statement);
        }
    }

    private static readonly string[] Statements =
    [
        """
        CREATE TABLE qrtz_job_details (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            JOB_NAME NVARCHAR(150) NOT NULL,
            JOB_GROUP NVARCHAR(150) NOT NULL,
            DESCRIPTION NVARCHAR(250) NULL,
            JOB_CLASS_NAME NVARCHAR(250) NOT NULL,
            IS_DURABLE BIT NOT NULL,
            IS_NONCONCURRENT BIT NOT NULL,
            IS_UPDATE_DATA BIT NOT NULL,
            REQUESTS_RECOVERY BIT NOT NULL,
            JOB_DATA BLOB NULL,
            PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
        )
        """,
        """
        CREATE TABLE qrtz_triggers (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            TRIGGER_NAME NVARCHAR(150) NOT NULL,
            TRIGGER_GROUP NVARCHAR(150) NOT NULL,
            JOB_NAME NVARCHAR(150) NOT NULL,
            JOB_GROUP NVARCHAR(150) NOT NULL,
            DESCRIPTION NVARCHAR(250) NULL,
            NEXT_FIRE_TIME BIGINT NULL,
            PREV_FIRE_TIME BIGINT NULL,
            PRIORITY INTEGER NULL,
            TRIGGER_STATE NVARCHAR(16) NOT NULL,
            TRIGGER_TYPE NVARCHAR(8) NOT NULL,
            START_TIME BIGINT NOT NULL,
            END_TIME BIGINT NULL,
            CALENDAR_NAME NVARCHAR(200) NULL,
            MISFIRE_INSTR INTEGER NULL,
            MISFIRE_ORIG_FIRE_TIME INTEGER NULL,
            EXECUTION_GROUP NVARCHAR(200) NULL,
            PREFERRED_NODE NVARCHAR(200) NULL,
            PREFERRED_NODE_AUTO BIT NOT NULL DEFAULT 0,
            JOB_DATA BLOB NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES qrtz_job_details (SCHED_NAME, JOB_NAME, JOB_GROUP)
        )
        """,
        """
        CREATE TABLE qrtz_simple_triggers (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            TRIGGER_NAME NVARCHAR(150) NOT NULL,
            TRIGGER_GROUP NVARCHAR(150) NOT NULL,
            REPEAT_COUNT BIGINT NOT NULL,
            REPEAT_INTERVAL BIGINT NOT NULL,
            TIMES_TRIGGERED BIGINT NOT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES qrtz_triggers (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        )
        """,
        """
        CREATE TRIGGER delete_simple_trigger DELETE ON qrtz_triggers
        BEGIN
            DELETE FROM qrtz_simple_triggers WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
        END
        """,
        """
        CREATE TABLE qrtz_simprop_triggers (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            TRIGGER_NAME NVARCHAR(150) NOT NULL,
            TRIGGER_GROUP NVARCHAR(150) NOT NULL,
            STR_PROP_1 NVARCHAR(512) NULL,
            STR_PROP_2 NVARCHAR(512) NULL,
            STR_PROP_3 NVARCHAR(512) NULL,
            INT_PROP_1 INT NULL,
            INT_PROP_2 INT NULL,
            LONG_PROP_1 BIGINT NULL,
            LONG_PROP_2 BIGINT NULL,
            DEC_PROP_1 NUMERIC NULL,
            DEC_PROP_2 NUMERIC NULL,
            BOOL_PROP_1 BIT NULL,
            BOOL_PROP_2 BIT NULL,
            TIME_ZONE_ID NVARCHAR(80) NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES qrtz_triggers (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        )
        """,
        """
        CREATE TRIGGER delete_simprop_trigger DELETE ON qrtz_triggers
        BEGIN
            DELETE FROM qrtz_simprop_triggers WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
        END
        """,
        """
        CREATE TABLE qrtz_cron_triggers (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            TRIGGER_NAME NVARCHAR(150) NOT NULL,
            TRIGGER_GROUP NVARCHAR(150) NOT NULL,
            CRON_EXPRESSION NVARCHAR(250) NOT NULL,
            TIME_ZONE_ID NVARCHAR(80),
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES qrtz_triggers (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        )
        """,
        """
        CREATE TRIGGER delete_cron_trigger DELETE ON qrtz_triggers
        BEGIN
            DELETE FROM qrtz_cron_triggers WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
        END
        """,
        """
        CREATE TABLE qrtz_blob_triggers (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            TRIGGER_NAME NVARCHAR(150) NOT NULL,
            TRIGGER_GROUP NVARCHAR(150) NOT NULL,
            BLOB_DATA BLOB NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES qrtz_triggers (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        )
        """,
        """
        CREATE TRIGGER delete_blob_trigger DELETE ON qrtz_triggers
        BEGIN
            DELETE FROM qrtz_blob_triggers WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
        END
        """,
        """
        CREATE TABLE qrtz_calendars (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            CALENDAR_NAME NVARCHAR(200) NOT NULL,
            CALENDAR BLOB NOT NULL,
            PRIMARY KEY (SCHED_NAME, CALENDAR_NAME)
        )
        """,
        """
        CREATE TABLE qrtz_paused_trigger_grps (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            TRIGGER_GROUP NVARCHAR(150) NOT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_GROUP)
        )
        """,
        """
        CREATE TABLE qrtz_fired_triggers (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            ENTRY_ID NVARCHAR(140) NOT NULL,
            TRIGGER_NAME NVARCHAR(150) NOT NULL,
            TRIGGER_GROUP NVARCHAR(150) NOT NULL,
            INSTANCE_NAME NVARCHAR(200) NOT NULL,
            FIRED_TIME BIGINT NOT NULL,
            SCHED_TIME BIGINT NOT NULL,
            PRIORITY INTEGER NOT NULL,
            STATE NVARCHAR(16) NOT NULL,
            JOB_NAME NVARCHAR(150) NULL,
            JOB_GROUP NVARCHAR(150) NULL,
            IS_NONCONCURRENT BIT NULL,
            REQUESTS_RECOVERY BIT NULL,
            EXECUTION_GROUP NVARCHAR(200) NULL,
            PRIMARY KEY (SCHED_NAME, ENTRY_ID)
        )
        """,
        """
        CREATE TABLE qrtz_scheduler_state (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            INSTANCE_NAME NVARCHAR(200) NOT NULL,
            LAST_CHECKIN_TIME BIGINT NOT NULL,
            CHECKIN_INTERVAL BIGINT NOT NULL,
            PRIMARY KEY (SCHED_NAME, INSTANCE_NAME)
        )
        """,
        """
        CREATE TABLE qrtz_locks (
            SCHED_NAME NVARCHAR(120) NOT NULL,
            LOCK_NAME NVARCHAR(40) NOT NULL,
            PRIMARY KEY (SCHED_NAME, LOCK_NAME)
        )
        """,
        "CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (SCHED_NAME, JOB_GROUP, JOB_NAME)",
        "CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (SCHED_NAME, TRIGGER_GROUP, TRIGGER_NAME)",
    ];
}
