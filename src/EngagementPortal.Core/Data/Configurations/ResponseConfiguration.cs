using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementPortal.Core.Data.Configurations;

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.ToTable("responses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reference).HasMaxLength(20);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.IdempotencyKey).HasMaxLength(64);
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        builder.Property(r => r.RespondentType).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.OrganisationName).HasMaxLength(ResponseRules.NameMaxLength);
        builder.Property(r => r.Role).HasMaxLength(ResponseRules.NameMaxLength);
        builder.Property(r => r.PostcodeDistrict).HasMaxLength(4);
        builder.Property(r => r.Email).HasMaxLength(ResponseRules.EmailMaxLength);
        builder.Property(r => r.PublishingConsent).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.PublishedName).HasMaxLength(ResponseRules.NameMaxLength);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ModerationState).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ModerationReason).HasMaxLength(500);

        // The back office lists a consultation's responses newest first (ties by id) and filters by type, channel and
        // moderation. The id in the index lets the page walk test "Id IN (…)" filters without reading rows (ADR 0104).
        builder.HasIndex(r => new { r.ConsultationId, r.SubmittedUtc, r.Id });
        builder.HasIndex(r => new { r.ConsultationId, r.RespondentType });
        builder.HasIndex(r => new { r.ConsultationId, r.ModerationState });
        builder.HasIndex(r => new { r.ConsultationId, r.Channel });

        // Search looks for the term inside names and email addresses: scanning these is far less than reading every row.
        builder.HasIndex(r => new { r.ConsultationId, r.OrganisationName });
        builder.HasIndex(r => new { r.ConsultationId, r.Email });
        builder.HasIndex(r => r.ConsultationVersionId);

        // The list's answer, theme and search filters test "Id IN (…)" for a consultation's responses: with the id in
        // the index that is an index probe, not a row read per response (10x at 100k, bench/responses, docs/adr/0102).
        builder.HasIndex(r => new { r.ConsultationId, r.Id });

        // Incremental collation reads what changed after its watermark; a partner submission has one row at most.
        builder.HasIndex(r => new { r.ConsultationId, r.UpdatedUtc });
        builder.HasIndex(r => r.PartnerSubmissionId).IsUnique();

        // A response outlives nothing it refers to: deleting a consultation with responses is refused.
        builder.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConsultationVersion>().WithMany().HasForeignKey(r => r.ConsultationVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResponseAnswerConfiguration : IEntityTypeConfiguration<ResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ResponseAnswer> builder)
    {
        builder.ToTable("response_answers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.QuestionKey).HasMaxLength(100);
        builder.Property(a => a.Choice).HasMaxLength(500);
        builder.Property(a => a.Choices).HasJsonConversion();

        // Collation streams a consultation's answers question by question; the back office filters by choice. The
        // response id and the ticks make the index cover the list's choice filters, so they read no answer row (ADR 0104).
        builder.HasIndex(a => new { a.ConsultationId, a.QuestionKey, a.Choice, a.ResponseId, a.Choices });
        builder.HasIndex(a => new { a.ResponseId, a.QuestionKey }).IsUnique();
    }
}

internal sealed class EqualityMonitoringConfiguration : IEntityTypeConfiguration<EqualityMonitoring>
{
    public void Configure(EntityTypeBuilder<EqualityMonitoring> builder)
    {
        builder.ToTable("equality_monitoring");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.AgeBand).HasMaxLength(50);
        builder.Property(e => e.Sex).HasMaxLength(50);
        builder.Property(e => e.Disability).HasMaxLength(50);
        builder.Property(e => e.Ethnicity).HasMaxLength(100);
        builder.HasIndex(e => e.ConsultationId);
    }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> builder)
    {
        builder.ToTable("reference_counters");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(50);
    }
}

internal sealed class PendingAnswerTextConfiguration : IEntityTypeConfiguration<PendingAnswerText>
{
    public void Configure(EntityTypeBuilder<PendingAnswerText> builder)
    {
        // Filled and emptied by SQL (the answers' triggers and AnswerTextIndex); the id is the answer's, never made here.
        builder.ToTable("response_answer_text_pending");
        builder.HasKey(p => p.AnswerId);
        builder.Property(p => p.AnswerId).ValueGeneratedNever();
    }
}

internal sealed class ResponseJourneyConfiguration : IEntityTypeConfiguration<ResponseJourney>
{
    public void Configure(EntityTypeBuilder<ResponseJourney> builder)
    {
        builder.ToTable("response_journeys");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.TokenHash).HasMaxLength(64);
        builder.HasIndex(j => j.TokenHash).IsUnique();
        builder.Property(j => j.Revision).IsConcurrencyToken();
        builder.HasIndex(j => j.ExpiresUtc);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(j => j.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SaveAndReturnLinkConfiguration : IEntityTypeConfiguration<SaveAndReturnLink>
{
    public void Configure(EntityTypeBuilder<SaveAndReturnLink> builder)
    {
        builder.ToTable("save_and_return_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasOne<ResponseJourney>().WithMany().HasForeignKey(l => l.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> builder)
    {
        builder.ToTable("data_requests");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Reference).HasMaxLength(50);
        builder.Property(d => d.Email).HasMaxLength(ResponseRules.EmailMaxLength);
        builder.HasIndex(d => new { d.State, d.CreatedUtc });
        builder.HasOne<Response>().WithMany().HasForeignKey(d => d.ResponseId).OnDelete(DeleteBehavior.SetNull);
    }
}
