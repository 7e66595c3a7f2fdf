using EngagementPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class SentNoticeConfiguration : IEntityTypeConfiguration<SentNotice>
{
    public void Configure(EntityTypeBuilder<SentNotice> builder)
    {
        builder.ToTable("sent_notices");
        builder.HasKey(n => n.Key);
        builder.Property(n => n.Key).HasMaxLength(300);
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.HasKey(r => r.JobName);
        builder.Property(r => r.JobName).HasMaxLength(100);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Summary).HasMaxLength(500);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.ProgressMessage).HasMaxLength(200);
    }
}
