using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Coding;

/// <summary>A published consultation of its own per test, with a free-text question and a choice question, and
/// responses written straight to the tables as the journey stores them.</summary>
public static class CodingData
{
    public static readonly Question Ideas = new() { Key = "ft", Number = 1, Text = "What should we change?", Type = QuestionType.FreeText };

    public static readonly Question Agree = new()
    {
        Key = "ad",
        Number = 2,
        Text = "Do you agree?",
        Type = QuestionType.AgreeDisagree,
        Options = Question.AgreeDisagreeOptions,
        FollowUpLabel = "Please explain your answer",
    };

    public static async Task<Guid> ConsultationAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var id = Guid.NewGuid();
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            Number = 1,
            State = VersionState.Published,
            Title = "Community services review",
            Summary = "How community services should work.",
            Body = "Body.",
            ContentHash = "test",
            Questions = [Ideas, Agree],
            CreatedUtc = new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        version.AuthoredOpensUtc = new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        version.AuthoredClosesUtc = new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc);
        version.AuthoredPartnershipDeadlineUtc = new DateTime(2020, 12, 21, 17, 0, 0, DateTimeKind.Utc);
        version.ApplyDemoShift(0);
        db.Consultations.Add(new Consultation { Id = id, Slug = "coding-" + id.ToString("N")[..8], Origin = ContentOrigin.BackOffice, CreatedUtc = version.CreatedUtc, Versions = [version] });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>One response per text, in order; returns the free-text answers' ids.</summary>
    public static async Task<List<long>> RespondAsync(PortalFactory factory, Guid consultationId, IEnumerable<string> texts, string agree = "Agree", ModerationState moderation = ModerationState.None, ResponseChannel channel = ResponseChannel.Online)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var versionId = db.ConsultationVersions.Where(v => v.ConsultationId == consultationId).Select(v => v.Id).Single();
        var answers = new List<ResponseAnswer>();
        var submitted = new DateTime(2020, 11, 30, 10, 0, 0, DateTimeKind.Utc);
        foreach (var text in texts)
        {
            var id = Guid.NewGuid();
            var answer = new ResponseAnswer { ConsultationId = consultationId, QuestionKey = Ideas.Key, Text = text };
            answers.Add(answer);
            db.Responses.Add(new Response
            {
                Id = id,
                ConsultationId = consultationId,
                ConsultationVersionId = versionId,
                Reference = "T-" + id.ToString("N")[..10].ToUpperInvariant(),
                IdempotencyKey = id.ToString("N"),
                RespondentType = RespondentType.Individual,
                Channel = channel,
                ModerationState = moderation,
                SubmittedUtc = submitted,
                UpdatedUtc = submitted,
                Answers = [answer, new ResponseAnswer { ConsultationId = consultationId, QuestionKey = Agree.Key, Choice = agree }],
            });
        }

        await db.SaveChangesAsync();
        return [.. answers.Select(a => a.Id)];
    }
}
