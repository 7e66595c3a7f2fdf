using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class CodingThemeConfiguration : IEntityTypeConfiguration<CodingTheme>
{
    public void Configure(EntityTypeBuilder<CodingTheme> builder)
    {
        builder.ToTable("coding_themes");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.QuestionKey).HasMaxLength(100);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.HasIndex(t => new { t.ConsultationId, t.QuestionKey });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(t => t.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CodingTheme>().WithMany().HasForeignKey(t => t.MergedIntoThemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AnswerThemeConfiguration : IEntityTypeConfiguration<AnswerTheme>
{
    public void Configure(EntityTypeBuilder<AnswerTheme> builder)
    {
        builder.ToTable("answer_themes");
        builder.HasKey(t => new { t.ResponseAnswerId, t.ThemeId });
        builder.HasIndex(t => t.ThemeId);
        builder.HasOne<ResponseAnswer>().WithMany().HasForeignKey(t => t.ResponseAnswerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CodingTheme>().WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Cascade);
    }
}
