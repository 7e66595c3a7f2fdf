using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class PartnerOrganisationConfiguration : IEntityTypeConfiguration<PartnerOrganisation>
{
    public void Configure(EntityTypeBuilder<PartnerOrganisation> builder)
    {
        builder.ToTable("partner_organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.PlaceIds).HasJsonConversion();
        builder.Property(o => o.ContactName).HasMaxLength(200);
        builder.Property(o => o.ContactEmail).HasMaxLength(320);
    }
}

internal sealed class PartnerInvitationConfiguration : IEntityTypeConfiguration<PartnerInvitation>
{
    public void Configure(EntityTypeBuilder<PartnerInvitation> builder)
    {
        builder.ToTable("partner_invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.InvitedBy).HasMaxLength(320);
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(i => i.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerSubmissionConfiguration : IEntityTypeConfiguration<PartnerSubmission>
{
    public void Configure(EntityTypeBuilder<PartnerSubmission> builder)
    {
        builder.ToTable("partner_submissions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.ConsultationId, s.OrganisationId }).IsUnique();
        builder.HasIndex(s => s.OrganisationId);
        builder.Property(s => s.Answers).HasJsonConversion();
        builder.Property(s => s.LetterFile).HasMaxLength(64);
        builder.Property(s => s.LetterFormat).HasMaxLength(10);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.LastEditedBy).HasMaxLength(320);
        builder.Property(s => s.SignatoryName).HasMaxLength(200);
        builder.Property(s => s.SignatoryRole).HasMaxLength(200);
        builder.Property(s => s.GovernanceStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.SubmittedBy).HasMaxLength(320);
        builder.Property(s => s.Reference).HasMaxLength(20);
        builder.Ignore(s => s.State);
        builder.Ignore(s => s.Governance);
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(s => s.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}
