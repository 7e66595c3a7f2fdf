namespace EngagementPortal.Core.Consultations;

/// <summary>One difference between a published question list and a draft: either a wording fix (allowed once
/// responses exist, and recorded) or a change of meaning (refused once responses exist, because answers already
/// given would then count towards a question nobody asked).</summary>
public sealed record QuestionEdit(string Key, bool ChangesMeaning, string Description);

public static class QuestionEdits
{
    public static IReadOnlyList<QuestionEdit> Compare(IReadOnlyList<Question> published, IReadOnlyList<Question> draft)
    {
        var changes = new List<QuestionEdit>();
        var drafted = draft.ToDictionary(q => q.Key, StringComparer.Ordinal);
        foreach (var before in published)
        {
            var label = $"Question {before.Number} (\u201c{Shorten(before.Text)}\u201d)";
            if (!drafted.TryGetValue(before.Key, out var after))
            {
                changes.Add(new(before.Key, true, $"{label} was removed: answers already given to it would be lost."));
                continue;
            }

            if (before.Type != after.Type)
            {
                changes.Add(new(before.Key, true, $"{label} changed from {Describe(before.Type)} to {Describe(after.Type)}."));
            }
            else if (!before.Options.SequenceEqual(after.Options, StringComparer.Ordinal))
            {
                changes.Add(new(before.Key, true, $"{label} has different answer options: answers already given were to the old options."));
            }

            if (!before.Required && after.Required)
            {
                changes.Add(new(before.Key, true, $"{label} became required: people who skipped it have already responded."));
            }

            if (after.MaxLength < before.MaxLength)
            {
                changes.Add(new(before.Key, true, $"{label} has a lower character limit: answers already given may be longer."));
            }

            if (before.FollowUpLabel is not null && after.FollowUpLabel is null)
            {
                changes.Add(new(before.Key, true, $"{label} lost its follow-up question: explanations already given would be lost."));
            }

            if (!string.Equals(before.Text, after.Text, StringComparison.Ordinal) || !string.Equals(before.Hint, after.Hint, StringComparison.Ordinal)
                || !string.Equals(before.FollowUpLabel, after.FollowUpLabel, StringComparison.Ordinal) && before.FollowUpLabel is not null && after.FollowUpLabel is not null)
            {
                changes.Add(new(before.Key, false, $"{label}: wording changed."));
            }
        }

        var publishedKeys = published.Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var added in draft.Where(q => !publishedKeys.Contains(q.Key)))
        {
            changes.Add(new(added.Key, false, $"Question {added.Number} (\u201c{Shorten(added.Text)}\u201d) was added: earlier respondents will not have answered it."));
        }

        return changes;
    }

    public static string Describe(QuestionType type) => type switch
    {
        QuestionType.AgreeDisagree => "an agree/disagree scale",
        QuestionType.SingleChoice => "a single choice",
        QuestionType.MultipleChoice => "a multiple choice",
        QuestionType.FreeText => "free text",
        QuestionType.YesNo => "yes or no",
        _ => type.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
