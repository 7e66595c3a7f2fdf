using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
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
        return await CodingSeed.ConsultationAsync(
            db,
            [Ideas, Agree],
            opensUtc: new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc),
            closesUtc: new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc),
            deadlineUtc: new DateTime(2020, 12, 21, 17, 0, 0, DateTimeKind.Utc),
            createdUtc: new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>One response per text, in order; returns the free-text answers' ids.</summary>
    public static async Task<List<long>> RespondAsync(PortalFactory factory, Guid consultationId, IEnumerable<string> texts, string agree = "Agree", ModerationState moderation = ModerationState.None, ResponseChannel channel = ResponseChannel.Online)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var answers = new List<ResponseAnswer>();
        var submitted = new DateTime(2020, 11, 30, 10, 0, 0, DateTimeKind.Utc);
        foreach (var text in texts)
        {
            var answer = new ResponseAnswer { ConsultationId = consultationId, QuestionKey = Ideas.Key, Text = text };
            answers.Add(answer);
            var response = CodingSeed.Response(db, consultationId, submitted, channel: channel, moderation: moderation);
            response.Answers = [answer, new ResponseAnswer { ConsultationId = consultationId, QuestionKey = Agree.Key, Choice = agree }];
            db.Responses.Add(response);
        }

        await db.SaveChangesAsync();
        return [.. answers.Select(a => a.Id)];
    }
}
