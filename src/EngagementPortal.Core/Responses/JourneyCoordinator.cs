using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Responses;

/// <summary>One page of questions: a run of consecutive questions that share a group, or one question alone.</summary>
public sealed record QuestionPage(int Number, string? Group, IReadOnlyList<Question> Questions)
{
    public string StepId => JourneyCoordinator.QuestionsStep(Number);
}

/// <summary>
/// Knows the order of a journey's steps for one consultation version, which step comes next, which is the first
/// one still to do, and whether a journey may go to check answers. Step ids are the URL segments after /respond/.
/// </summary>
public sealed class JourneyCoordinator
{
    public const string AboutYou = "about-you";
    public const string Equality = "equality";
    public const string Publishing = "publishing";
    public const string CheckAnswers = "check-answers";

    public JourneyCoordinator(ConsultationVersion version)
    {
        Pages = GroupIntoPages(version.Questions);
        Steps = [AboutYou, .. Pages.Select(p => p.StepId), Equality, Publishing];
    }

    public IReadOnlyList<QuestionPage> Pages { get; }

    /// <summary>Every step before check answers, in order.</summary>
    public IReadOnlyList<string> Steps { get; }

    public static string QuestionsStep(int page) => $"questions/{page}";

    public QuestionPage? Page(int number) => number >= 1 && number <= Pages.Count ? Pages[number - 1] : null;

    /// <summary>Where to go after saving <paramref name="step"/>: back to check answers when the person came from
    /// there (a Change link) and nothing before it is missing, else the next step.</summary>
    public string Next(string step, JourneyState state, bool returnToCheckAnswers)
    {
        if (returnToCheckAnswers)
        {
            return FirstIncomplete(state) ?? CheckAnswers;
        }

        var index = IndexOf(step);
        return index + 1 < Steps.Count ? Steps[index + 1] : CheckAnswers;
    }

    /// <summary>The step a back link points to.</summary>
    public string? Previous(string step)
    {
        if (step == CheckAnswers)
        {
            return Steps[^1];
        }

        var index = IndexOf(step);
        return index > 0 ? Steps[index - 1] : null;
    }

    /// <summary>The first step never saved, or null when the journey may go to check answers. Equality monitoring
    /// is optional, but the person must have seen it (saved it, empty or not) once. A question page saved before one
    /// of its required questions changed meaning (a new <see cref="Question.AnswerKey"/>) is to do again.</summary>
    public string? FirstIncomplete(JourneyState state) =>
        Steps.FirstOrDefault(s => !state.Completed.Contains(s) || Pages.Any(p => p.StepId == s && MissesRequiredAnswer(p, state)));

    private static bool MissesRequiredAnswer(QuestionPage page, JourneyState state) =>
        page.Questions.Any(q => q.Required && (!state.Answers.TryGetValue(q.AnswerKey, out var answer) || answer.IsEmpty));

    /// <summary>Where someone arriving at /respond goes: the first step not done, else check answers.</summary>
    public string ResumeAt(JourneyState state) => FirstIncomplete(state) ?? CheckAnswers;

    public bool IsStep(string step) => Steps.Contains(step);

    private int IndexOf(string step)
    {
        var index = Steps.ToList().IndexOf(step);
        return index >= 0 ? index : throw new ArgumentException($"'{step}' is not a step of this journey.", nameof(step));
    }

    private static List<QuestionPage> GroupIntoPages(IEnumerable<Question> questions)
    {
        var pages = new List<QuestionPage>();
        List<Question>? current = null;
        string? group = null;
        foreach (var question in questions.OrderBy(q => q.Number))
        {
            if (current is not null && question.Group is not null && string.Equals(question.Group, group, StringComparison.Ordinal))
            {
                current.Add(question);
                continue;
            }

            current = [question];
            group = question.Group;
            pages.Add(new QuestionPage(pages.Count + 1, group, current));
        }

        return pages;
    }
}
