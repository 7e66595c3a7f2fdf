using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Data;

/// <summary>
/// The portal's database. Each provider has a subclass (<see cref="SqlitePortalDbContext"/>) so that its
/// hand-written migrations (Data/Migrations/&lt;Provider&gt;) are found for it alone; services depend on this class.
/// It is also ASP.NET Core Identity's store (docs/adr/0060).
/// </summary>
public class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser, PortalRole, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>, IdentityUserLogin<Guid>, IdentityRoleClaim<Guid>, IdentityUserToken<Guid>>(options)
{

    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<ConsultationVersion> ConsultationVersions => Set<ConsultationVersion>();

    public DbSet<Settings.PortalSetting> Settings => Set<Settings.PortalSetting>();

    public DbSet<Content.ContentChangeNotice> ContentChangeNotices => Set<Content.ContentChangeNotice>();

    public DbSet<Content.ContentSyncStatus> ContentSyncStatuses => Set<Content.ContentSyncStatus>();

    public DbSet<Email.OutboxMessage> OutboxMessages => Set<Email.OutboxMessage>();

    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    public DbSet<Responses.Response> Responses => Set<Responses.Response>();

    public DbSet<Responses.ResponseAnswer> ResponseAnswers => Set<Responses.ResponseAnswer>();

    public DbSet<Responses.EqualityMonitoring> EqualityMonitoring => Set<Responses.EqualityMonitoring>();

    public DbSet<Responses.ReferenceCounter> ReferenceCounters => Set<Responses.ReferenceCounter>();

    public DbSet<Responses.PendingAnswerText> PendingAnswerTexts => Set<Responses.PendingAnswerText>();

    public DbSet<Responses.ResponseJourney> ResponseJourneys => Set<Responses.ResponseJourney>();

    public DbSet<Responses.SaveAndReturnLink> SaveAndReturnLinks => Set<Responses.SaveAndReturnLink>();

    public DbSet<Responses.DataRequest> DataRequests => Set<Responses.DataRequest>();

    public DbSet<Coding.CodingTheme> CodingThemes => Set<Coding.CodingTheme>();

    public DbSet<Coding.AnswerTheme> AnswerThemes => Set<Coding.AnswerTheme>();

    public DbSet<Partners.Place> Places => Set<Partners.Place>();

    public DbSet<Partners.PartnerOrganisation> PartnerOrganisations => Set<Partners.PartnerOrganisation>();

    public DbSet<Partners.PartnerInvitation> PartnerInvitations => Set<Partners.PartnerInvitation>();

    public DbSet<Partners.PartnerSubmission> PartnerSubmissions => Set<Partners.PartnerSubmission>();

    public DbSet<Collation.CollationRun> CollationRuns => Set<Collation.CollationRun>();

    public DbSet<PartnershipResponses.PartnershipResponseVersion> PartnershipResponseVersions => Set<PartnershipResponses.PartnershipResponseVersion>();

    public DbSet<Jobs.SentNotice> SentNotices => Set<Jobs.SentNotice>();

    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC; SQLite hands DateTimes back unspecified, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, t => t.Namespace == typeof(PortalDbContext).Namespace + ".Configurations");
    }
}

/// <summary>The embedded default: one SQLite file.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);
