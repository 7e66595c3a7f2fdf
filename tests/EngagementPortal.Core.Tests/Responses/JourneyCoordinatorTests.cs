using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class JourneyCoordinatorTests
{
    internal static ConsultationVersion Version(params Question[] questions) => new()
    {
        Title = "T",
        Summary = "S",
        Body = "B",
        ContentHash = "h",
        Questions = [.. questions],
    };

    internal static Question Q(int number, string? group = null, QuestionType type = QuestionType.AgreeDisagree) =>
        new() { Key = $"k{number}", Number = number, Text = $"Question {number}", Type = type, Group = group };

    [Fact]
    public void Pages_ConsecutiveQuestionsOfOneGroup_ShareAPageAndUngroupedStandAlone()
    {
        var coordinator = new JourneyCoordinator(Version(Q(1, "a"), Q(2, "a"), Q(3), Q(4), Q(5, "b"), Q(6, "b")));

        Assert.Equal([2, 1, 1, 2], coordinator.Pages.Select(p => p.Questions.Count));
        Assert.Equal(["about-you", "questions/1", "questions/2", "questions/3", "questions/4", "equality", "publishing"], coordinator.Steps);
    }

    [Fact]
    public void Next_FromEachStep_GoesToTheFollowingOneThenCheckAnswers()
    {
        var coordinator = new JourneyCoordinator(Version(Q(1), Q(2)));
        var state = new JourneyState();

        Assert.Equal("questions/1", coordinator.Next("about-you", state, false));
        Assert.Equal("questions/2", coordinator.Next("questions/1", state, false));
        Assert.Equal("equality", coordinator.Next("questions/2", state, false));
        Assert.Equal("publishing", coordinator.Next("equality", state, false));
        Assert.Equal("check-answers", coordinator.Next("publishing", state, false));
    }

    [Fact]
    public void Next_FromAChangeLinkWithEverythingDone_ReturnsToCheckAnswers()
    {
        var coordinator = new JourneyCoordinator(Version(Q(1), Q(2)));
        var state = new JourneyState { Completed = [.. coordinator.Steps] };

        Assert.Equal("check-answers", coordinator.Next("about-you", state, true));
    }

    [Fact]
    public void Next_FromAChangeLinkWithAStepMissing_GoesToTheMissingStep()
    {
        var coordinator = new JourneyCoordinator(Version(Q(1), Q(2)));
        var state = new JourneyState { Completed = ["about-you", "questions/1", "equality", "publishing"] };

        Assert.Equal("questions/2", coordinator.Next("about-you", state, true));
    }

    [Fact]
    public void ResumeAt_NewJourney_IsAboutYouAndAFinishedOneIsCheckAnswers()
    {
        var coordinator = new JourneyCoordinator(Version(Q(1)));

        Assert.Equal("about-you", coordinator.ResumeAt(new JourneyState()));
        Assert.Equal("check-answers", coordinator.ResumeAt(new JourneyState { Completed = [.. coordinator.Steps] }));
    }

    [Fact]
    public void Previous_OfCheckAnswersIsPublishingAndOfAboutYouIsNothing()
    {
        var coordinator = new JourneyCoordinator(Version(Q(1)));

        Assert.Equal("publishing", coordinator.Previous("check-answers"));
        Assert.Equal("about-you", coordinator.Previous("questions/1"));
        Assert.Null(coordinator.Previous("about-you"));
    }

    [Fact]
    public void State_RoundTripsThroughJson_WithEveryAnswer()
    {
        var state = new JourneyState
        {
            RespondentType = RespondentType.Organisation,
            OrganisationName = "Healthwatch <East Riding>",
            Answers = { ["k1"] = new AnswerState { Choice = "Agree" }, ["k2"] = new AnswerState { Choices = ["A", "Other"], Text = "mine" } },
            Equality = new EqualityAnswers { AgeBand = "25 to 34" },
            Publishing = PublishingConsent.PublishAnonymously,
            Completed = ["about-you"],
        };

        var copy = JourneyState.FromJson(state.ToJson());

        Assert.Equal(state.ToJson(), copy.ToJson());
        Assert.Equal(["A", "Other"], copy.Answers["k2"].Choices);
        Assert.Equal(state.IdempotencyKey, copy.IdempotencyKey);
    }

    [Fact]
    public void FirstIncomplete_RequiredQuestionChangedMeaningAfterItsPageWasSaved_ThatPageAgain()
    {
        var before = Q(1) with { Required = true };
        var after = before with { Type = QuestionType.YesNo, Revision = 2 };
        var state = new JourneyState();
        foreach (var step in new JourneyCoordinator(Version(before, Q(2))).Steps)
        {
            state.Completed.Add(step);
        }

        state.Answers[before.AnswerKey] = new AnswerState { Choice = "Agree" };

        Assert.Null(new JourneyCoordinator(Version(before, Q(2))).FirstIncomplete(state));
        Assert.Equal("questions/1", new JourneyCoordinator(Version(after, Q(2))).FirstIncomplete(state));

        state.Answers[after.AnswerKey] = new AnswerState { Choice = "Yes" };
        Assert.Null(new JourneyCoordinator(Version(after, Q(2))).FirstIncomplete(state));
    }
}
