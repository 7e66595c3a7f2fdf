using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;

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

    public static Task<Guid> CreateAsync(PortalDbContext db, DateTime opensUtc, DateTime closesUtc, DateTime? deadlineUtc = null) =>
        CodingSeed.ConsultationAsync(db, [Agree, Services, Ideas], opensUtc, closesUtc, deadlineUtc);

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
        var response = CodingSeed.Response(db, consultationId, submittedUtc, type, channel, moderation);
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
