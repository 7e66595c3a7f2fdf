using EngagementPortal.Core.Consultations;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Data;

/// <summary>
/// The portal's database. Each provider has a subclass (<see cref="SqlitePortalDbContext"/>) so that its
/// hand-written migrations (Data/Migrations/&lt;Provider&gt;) are found for it alone; services depend on this class.
/// </summary>
public class PortalDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<ConsultationVersion> ConsultationVersions => Set<ConsultationVersion>();

    public DbSet<Settings.PortalSetting> Settings => Set<Settings.PortalSetting>();

    public DbSet<Email.OutboxMessage> OutboxMessages => Set<Email.OutboxMessage>();

    public DbSet<Jobs.SentNotice> SentNotices => Set<Jobs.SentNotice>();

    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC; SQLite hands DateTimes back unspecified, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, t => t.Namespace == typeof(PortalDbContext).Namespace + ".Configurations");
}

/// <summary>The embedded default: one SQLite file.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);
