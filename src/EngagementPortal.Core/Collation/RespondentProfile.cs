using EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Collation;

/// <summary>How many equality monitoring rows gave one answer to one question (counted in the database, never read as rows).</summary>
public sealed record EqualityCount(string Question, string? Answer, int Count);

/// <summary>
/// Who responded, by equality group: the consultation-level profile the Public Sector Equality Duty asks for,
/// counted from the equality monitoring rows. Those rows are deliberately not linked to responses (docs/adr/0032),
/// so this profile cannot be crossed with answers; it is added to the snapshot beside the collator's own
/// breakdowns, with the same small-group suppression (docs/adr/0132).
/// </summary>
public static class RespondentProfile
{
    public const string AgeBand = "Equality monitoring: age band";
    public const string Sex = "Equality monitoring: sex";
    public const string Disability = "Equality monitoring: disability";
    public const string Ethnicity = "Equality monitoring: ethnicity";
    public const string NotGiven = "Not given";

    private static readonly (string Dimension, IReadOnlyList<string> Answers)[] Dimensions =
    [
        (AgeBand, EqualityQuestions.AgeBands),
        (Sex, EqualityQuestions.Sexes),
        (Disability, EqualityQuestions.DisabilityAnswers),
        (Ethnicity, EqualityQuestions.Ethnicities),
    ];

    /// <summary>
    /// One breakdown per question, groups in the form's order (then any other stored answer, then "Not given"); a
    /// group of 1 to <paramref name="suppressBelow"/> - 1 people is shown without its count, and so is the next
    /// smallest when only one would be hidden. Nothing is returned when nobody answered the equality questions.
    /// </summary>
    public static IReadOnlyList<Breakdown> Breakdowns(IReadOnlyCollection<EqualityCount> counts, int suppressBelow)
    {
        var result = new List<Breakdown>();
        if (counts.Count == 0)
        {
            return result;
        }

        foreach (var (dimension, answers) in Dimensions)
        {
            var byAnswer = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in counts.Where(c => c.Question == dimension))
            {
                var answer = string.IsNullOrWhiteSpace(c.Answer) ? NotGiven : c.Answer.Trim();
                byAnswer[answer] = byAnswer.GetValueOrDefault(answer) + c.Count;
            }

            var others = byAnswer.Keys.Where(a => !answers.Contains(a, StringComparer.Ordinal) && a != NotGiven).Order(StringComparer.Ordinal);
            var groups = answers.Concat(others).Append(NotGiven).Select(a => (a, byAnswer.GetValueOrDefault(a))).ToList();
            var suppressed = SnapshotBuilder.Suppressed(groups, suppressBelow);
            result.Add(new Breakdown(dimension, groups
                .Select(g => suppressed.Contains(g.a) ? new BreakdownGroup(g.a, null, true, []) : new BreakdownGroup(g.a, g.Item2, false, []))
                .ToList()));
        }

        return result;
    }

    /// <summary>The snapshot with the profile added after the collator's breakdowns, and its hash recomputed over both.</summary>
    public static CollationSnapshot AddTo(CollationSnapshot snapshot, IReadOnlyList<Breakdown> profile)
    {
        if (profile.Count == 0)
        {
            return snapshot;
        }

        var content = snapshot.Content with { Breakdowns = [.. snapshot.Content.Breakdowns, .. profile] };
        return snapshot with { Content = content, ContentHash = Collator.Hash(content) };
    }
}
