using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class CollationRunConfiguration : IEntityTypeConfiguration<CollationRun>
{
    public void Configure(EntityTypeBuilder<CollationRun> builder)
    {
        builder.ToTable("collation_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ContentHash).HasMaxLength(64);

        // The latest successful run of a consultation is the usual question.
        builder.HasIndex(r => new { r.ConsultationId, r.StartedUtc });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}
