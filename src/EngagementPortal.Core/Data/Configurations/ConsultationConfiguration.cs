using EngagementPortal.Core.Consultations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("consultations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Slug).HasMaxLength(100).IsRequired();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.OriginKey).HasMaxLength(100);
        builder.HasIndex(c => new { c.Origin, c.OriginKey }).IsUnique();
        builder.HasMany(c => c.Versions).WithOne(v => v.Consultation).HasForeignKey(v => v.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsultationVersionConfiguration : IEntityTypeConfiguration<ConsultationVersion>
{
    public void Configure(EntityTypeBuilder<ConsultationVersion> builder)
    {
        builder.ToTable("consultation_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.ConsultationId, v.Number }).IsUnique();
        builder.HasIndex(v => v.State);
        builder.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.BodyFormat).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Title).HasMaxLength(300).IsRequired();
        builder.Property(v => v.Summary).HasMaxLength(4000).IsRequired();
        builder.Property(v => v.Body).IsRequired();
        builder.Property(v => v.Publisher).HasMaxLength(300);
        builder.Property(v => v.SourceUrl).HasMaxLength(2000);
        builder.Property(v => v.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(v => v.Audience).HasJsonConversion();
        builder.Property(v => v.Questions).HasJsonConversion();
        builder.Property(v => v.Documents).HasJsonConversion();
    }
}
