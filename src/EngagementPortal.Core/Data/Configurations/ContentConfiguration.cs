using EngagementPortal.Core.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class ContentChangeNoticeConfiguration : IEntityTypeConfiguration<ContentChangeNotice>
{
    public void Configure(EntityTypeBuilder<ContentChangeNotice> builder)
    {
        builder.ToTable("content_change_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.QuestionKey).HasMaxLength(100);
        builder.Property(n => n.Message).HasMaxLength(4000).IsRequired();
        builder.HasIndex(n => new { n.ConsultationId, n.CreatedUtc });
        builder.HasOne(n => n.Consultation).WithMany().HasForeignKey(n => n.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContentSyncStatusConfiguration : IEntityTypeConfiguration<ContentSyncStatus>
{
    public void Configure(EntityTypeBuilder<ContentSyncStatus> builder)
    {
        builder.ToTable("content_sync_status");
        builder.HasKey(s => s.Source);
        builder.Property(s => s.Source).HasMaxLength(40);
        builder.Property(s => s.LastOutcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.LastProblem).HasMaxLength(4000);
    }
}
