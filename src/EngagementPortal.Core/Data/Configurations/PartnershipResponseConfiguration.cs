using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.PartnershipResponses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class PartnershipResponseVersionConfiguration : IEntityTypeConfiguration<PartnershipResponseVersion>
{
    public void Configure(EntityTypeBuilder<PartnershipResponseVersion> builder)
    {
        builder.ToTable("partnership_response_versions");
        builder.HasKey(v => v.Id);
        builder.Ignore(v => v.IsLocked);
        builder.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.SnapshotHash).HasMaxLength(64);
        builder.Property(v => v.Narratives).HasJsonConversion();
        builder.Property(v => v.UpdatedBy).HasMaxLength(320);
        builder.Property(v => v.SignedOffBy).HasMaxLength(200);
        builder.Property(v => v.SignedOffRole).HasMaxLength(200);
        builder.Property(v => v.SignedOffAccount).HasMaxLength(320);
        builder.Property(v => v.PublishedBy).HasMaxLength(320);
        builder.HasIndex(v => new { v.ConsultationId, v.Number }).IsUnique();
        builder.HasIndex(v => v.CollationRunId);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(v => v.ConsultationId).OnDelete(DeleteBehavior.Cascade);

        // A version proves what was signed off over which evidence, so the run it cites cannot be deleted under it.
        builder.HasOne<CollationRun>().WithMany().HasForeignKey(v => v.CollationRunId).OnDelete(DeleteBehavior.Restrict);
    }
}
