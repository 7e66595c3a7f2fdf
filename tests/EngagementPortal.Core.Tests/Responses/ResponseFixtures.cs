using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Responses;

/// <summary>A consultation with every kind of question, and responses written straight to the database.</summary>
internal static class ResponseFixtures
{
    public static readonly Question FreeText = new() { Key = "ft", Number = 1, Text = "What matters most to you?", Type = QuestionType.FreeText };
    public static readonly Question Agree = new() { Key = "ad", Number = 2, Text = "Do you agree?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain your answer", Required = true };
    public static readonly Question Single = new() { Key = "sc", Number = 3, Text = "Where do you go first?", Type = QuestionType.SingleChoice, Options = ["GP", "Pharmacy", "Other"] };
    public static readonly Question Multiple = new() { Key = "mc", Number = 4, Text = "Which services have you used?", Type = QuestionType.MultipleChoice, Options = ["GP", "A&E", "Other, please specify"] };

    public static Actor Officer => new(Guid.NewGuid(), "officer@example.nhs.uk");

    public static async Task<ConsultationVersion> AddConsultationAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var consultation = new Consultation { Id = Guid.NewGuid(), Slug = "c" + Guid.NewGuid().ToString("N")[..8], CreatedUtc = DateTime.UtcNow };
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            Number = 1,
            State = VersionState.Published,
            Title = "Integrating care",
            Summary = "Summary.",
            Body = "Body.",
            ContentHash = "test",
            Questions = [FreeText, Agree, Single, Multiple],
            AuthoredOpensUtc = new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            AuthoredClosesUtc = new DateTime(2021, 1, 8, 23, 59, 59, DateTimeKind.Utc),
        };
        version.ApplyDemoShift(0);
        consultation.Versions.Add(version);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        version.Consultation = consultation;
        return version;
    }

    private static int _sequence;

    public static Response Response(ConsultationVersion version, DateTime submittedUtc, Action<Response>? change = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        var response = new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = version.ConsultationId,
            ConsultationVersionId = version.Id,
            Reference = ResponseReference.Format("ICS", n),
            IdempotencyKey = "test-" + Guid.NewGuid().ToString("N"),
            RespondentType = RespondentType.Individual,
            PublishingConsent = PublishingConsent.DoNotPublish,
            SubmittedUtc = submittedUtc,
            UpdatedUtc = submittedUtc,
        };
        change?.Invoke(response);
        return response;
    }

    public static Response WithAnswer(this Response response, string key, string? choice = null, string? text = null, params string[] choices)
    {
        response.Answers.Add(new ResponseAnswer { ResponseId = response.Id, ConsultationId = response.ConsultationId, QuestionKey = key, Choice = choice, Text = text, Choices = [.. choices] });
        return response;
    }

    public static async Task AddAsync(TestDatabase database, params Response[] responses)
    {
        await using var db = database.CreateContext();
        db.Responses.AddRange(responses);
        await db.SaveChangesAsync();
    }

    public static async Task<CodingTheme> TagAsync(TestDatabase database, Response response, string key, string themeName)
    {
        await using var db = database.CreateContext();
        var theme = db.CodingThemes.SingleOrDefault(t => t.ConsultationId == response.ConsultationId && t.Name == themeName)
            ?? db.CodingThemes.Add(new CodingTheme { Id = Guid.NewGuid(), ConsultationId = response.ConsultationId, QuestionKey = key, Name = themeName, CreatedUtc = DateTime.UtcNow }).Entity;
        var answerId = db.ResponseAnswers.Single(a => a.ResponseId == response.Id && a.QuestionKey == key).Id;
        db.AnswerThemes.Add(new AnswerTheme { ResponseAnswerId = answerId, ThemeId = theme.Id, TaggedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return theme;
    }
}
