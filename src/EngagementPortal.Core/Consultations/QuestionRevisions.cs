namespace EngagementPortal.Core.Consultations;

public enum QuestionChangeKind
{
    /// <summary>Agree/disagree became free text, single choice became multiple choice, and so on.</summary>
    TypeChanged,

    /// <summary>The answer options differ (added, removed, reworded or reordered).</summary>
    OptionsChanged,

    /// <summary>The question is no longer asked; its answers stay.</summary>
    Removed,
}

/// <summary>A difference in what a question means, found when a new version of a consultation replaces the published one.</summary>
public sealed record QuestionChange(string Key, QuestionChangeKind Kind, int? NewRevision, string Description);

/// <summary>
/// Stable question identity across versions. A question keeps its key (an Umbraco element id, a package key) through
/// wording fixes, so its answers stay attached. A change of type or options is a change of meaning: once the
/// consultation may have answers, the question gets a new revision (a new <see cref="Question.AnswerKey"/>), so old
/// and new answers are never tallied together, and officers are told.
/// </summary>
public static class QuestionRevisions
{
    /// <summary>
    /// Carries each question's revision over from <paramref name="previous"/> (the published version) to
    /// <paramref name="next"/>, starting a new revision for a change of meaning when <paramref name="mayHaveAnswers"/>
    /// says the question may already have answers. Returns the questions to publish and every change of meaning.
    /// </summary>
    public static (IReadOnlyList<Question> Questions, IReadOnlyList<QuestionChange> Changes) Carry(
        IReadOnlyList<Question> previous, IReadOnlyList<Question> next, Func<Question, bool> mayHaveAnswers)
    {
        var before = previous.ToDictionary(q => q.Key, StringComparer.Ordinal);
        var questions = new List<Question>(next.Count);
        var changes = new List<QuestionChange>();
        foreach (var question in next)
        {
            if (!before.TryGetValue(question.Key, out var old))
            {
                questions.Add(question with { Revision = null });
                continue;
            }

            var kind = MeaningChange(old, question);
            if (kind is null)
            {
                questions.Add(question with { Revision = old.Revision });
                continue;
            }

            var revision = mayHaveAnswers(old) ? (old.Revision ?? 1) + 1 : old.Revision;
            questions.Add(question with { Revision = revision });
            changes.Add(new QuestionChange(question.Key, kind.Value, revision == old.Revision ? null : revision, Describe(old, question, kind.Value, revision != old.Revision)));
        }

        var nextKeys = next.Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var removed in previous.Where(q => !nextKeys.Contains(q.Key)))
        {
            changes.Add(new QuestionChange(removed.Key, QuestionChangeKind.Removed, null,
                $"Question {removed.Number} (\"{Shorten(removed.Text)}\") is no longer asked. Its answers are kept."));
        }

        return (questions, changes);
    }

    /// <summary>The keys whose meaning changed (type or options), in the new order: the rule on its own.</summary>
    public static IReadOnlyList<string> MeaningChangedKeys(IReadOnlyList<Question> previous, IReadOnlyList<Question> next)
    {
        var before = previous.ToDictionary(q => q.Key, StringComparer.Ordinal);
        return [.. next.Where(q => before.TryGetValue(q.Key, out var old) && MeaningChange(old, q) is not null).Select(q => q.Key)];
    }

    /// <summary>Wording, hint, number, group and whether it is required are not meaning; type and options are.</summary>
    public static QuestionChangeKind? MeaningChange(Question old, Question next) =>
        old.Type != next.Type ? QuestionChangeKind.TypeChanged
        : !old.Options.SequenceEqual(next.Options, StringComparer.Ordinal) ? QuestionChangeKind.OptionsChanged
        : null;

    private static string Describe(Question old, Question next, QuestionChangeKind kind, bool newRevision)
    {
        var what = kind == QuestionChangeKind.TypeChanged
            ? $"changed from {old.Type} to {next.Type}"
            : $"has different answer options (was: {string.Join(", ", old.Options)}; now: {string.Join(", ", next.Options)})";
        var consequence = newRevision
            ? "Answers given before the change are kept apart from answers to the new question."
            : "It had not opened for responses, so no answers are affected.";
        return $"Question {next.Number} (\"{Shorten(next.Text)}\") {what}. {consequence}";
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
