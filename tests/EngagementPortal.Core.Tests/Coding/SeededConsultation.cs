using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Coding;

/// <summary>A published consultation with one question of each kind that takes text or a choice, and responses
/// written straight to the tables, as the journey and the officers' keying-in store them.</summary>
public static class SeededConsultation
{
    public static readonly Question Agree = new()
    {
        Key = "q-ad",
        Number = 1,
        Text = "Do you agree?",
        Type = QuestionType.AgreeDisagree,
        Options = Question.AgreeDisagreeOptions,
        FollowUpLabel = "Please explain your answer",
    };

    public static readonly Question Services = new()
    {
        Key = "q-mc",
        Number = 2,
        Text = "Which services do you use?",
        Type = QuestionType.MultipleChoice,
        Options = ["GP", "Pharmacy", "Other, please specify"],
    };

    public static readonly Question Ideas = new() { Key = "q-ft", Number = 3, Text = "What should we change?", Type = QuestionType.FreeText };

    public static async Task<Guid> CreateAsync(PortalDbContext db, DateTime opensUtc, DateTime closesUtc, DateTime? deadlineUtc = null)
    {
        var id = Guid.NewGuid();
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            Number = 1,
            State = VersionState.Published,
            Title = "Community services review",
            Summary = "How community services should work.",
            Body = "More care closer to home.",
            ContentHash = "hash",
            Questions = [Agree, Services, Ideas],
            CreatedUtc = opensUtc,
            PublishedUtc = opensUtc,
        };
        version.AuthoredOpensUtc = opensUtc;
        version.AuthoredClosesUtc = closesUtc;
        version.AuthoredPartnershipDeadlineUtc = deadlineUtc;
        version.ApplyDemoShift(0);
        db.Consultations.Add(new Consultation { Id = id, Slug = "review-" + id.ToString("N")[..8], Origin = ContentOrigin.BackOffice, CreatedUtc = opensUtc, Versions = [version] });
        await db.SaveChangesAsync();
        return id;
    }

    public static async Task<Response> RespondAsync(
        PortalDbContext db,
        Guid consultationId,
        DateTime submittedUtc,
        string? agree = null,
        string? explain = null,
        string[]? services = null,
        string? other = null,
        string? ideas = null,
        RespondentType type = RespondentType.Individual,
        ResponseChannel channel = ResponseChannel.Online,
        ModerationState moderation = ModerationState.None)
    {
        var versionId = db.ConsultationVersions.Where(v => v.ConsultationId == consultationId).Select(v => v.Id).First();
        var id = Guid.NewGuid();
        var response = new Response
        {
            Id = id,
            ConsultationId = consultationId,
            ConsultationVersionId = versionId,
            Reference = "T-" + id.ToString("N")[..10].ToUpperInvariant(),
            IdempotencyKey = id.ToString("N"),
            RespondentType = type,
            Channel = channel,
            ModerationState = moderation,
            SubmittedUtc = submittedUtc,
            UpdatedUtc = submittedUtc,
        };
        void Add(string key, string? choice = null, List<string>? choices = null, string? text = null) =>
            response.Answers.Add(new ResponseAnswer { ConsultationId = consultationId, QuestionKey = key, Choice = choice, Choices = choices ?? [], Text = text });
        Add(Agree.Key, choice: agree);
        Add(Agree.ExplanationKey, text: explain);
        Add(Services.Key, choices: [.. services ?? []], text: other);
        Add(Ideas.Key, text: ideas);
        db.Responses.Add(response);
        await db.SaveChangesAsync();
        return response;
    }
}
