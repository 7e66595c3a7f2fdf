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

    /// <summary>What every dimension of the profile starts with; the collator's own breakdowns never do.</summary>
    public const string Prefix = "Equality monitoring: ";

    /// <summary>What a suppressed group shows instead of its count, in every format.</summary>
    public const string SuppressedText = "not shown (small group)";

    /// <summary>The words under the profile in the Word and PDF exports (the threshold is in the method annex).</summary>
    public const string Explanation =
        "Counted from every equality monitoring answer given for this consultation (including those of responses later left out as duplicate, "
        + "spam or withdrawn). They are kept apart from responses, so they cannot be set against what people said. "
        + "Small groups (see the method annex) are not shown; when only one group is that small, the next smallest is hidden too, "
        + "so the total cannot reveal it.";

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

    /// <summary>The profile's breakdowns in a snapshot's content (none when nobody answered the equality questions).</summary>
    public static IReadOnlyList<Breakdown> In(CollationContent content) =>
        content.Breakdowns.Where(b => b.Dimension.StartsWith(Prefix, StringComparison.Ordinal)).ToList();

    /// <summary>A dimension's name for a table's title: "Age band" for "Equality monitoring: age band".</summary>
    public static string Title(Breakdown breakdown)
    {
        var name = breakdown.Dimension.StartsWith(Prefix, StringComparison.Ordinal) ? breakdown.Dimension[Prefix.Length..] : breakdown.Dimension;
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>A group's count as a table shows it: the number, or <see cref="SuppressedText"/> (never the hidden count).</summary>
    public static string CountText(BreakdownGroup group) =>
        group.Suppressed || group.Respondents is null ? SuppressedText : group.Respondents.Value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The snapshot with the profile added after the collator's breakdowns, and its hash recomputed over both.</summary>
    public static CollationSnapshot AddTo(CollationSnapshot snapshot, IReadOnlyList<Breakdown> profile)
    {
        if (profile.Count == 0)
        {
            return snapshot;
        }

        var content = AddTo(snapshot.Content, profile);
        return snapshot with { Content = content, ContentHash = Collator.Hash(content) };
    }

    /// <summary>The content with the profile after the collator's breakdowns (not hashed: <see cref="Collator"/> hashes once).</summary>
    public static CollationContent AddTo(CollationContent content, IReadOnlyList<Breakdown> profile) =>
        profile.Count == 0 ? content : content with { Breakdowns = [.. content.Breakdowns, .. profile] };
}
