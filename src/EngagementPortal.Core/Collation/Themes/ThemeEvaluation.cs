namespace EngagementPortal.Core.Collation.Themes;

/// <summary>What each answer of a labelled file was given: its suggested themes, and whether it was in the coded share.</summary>
public sealed record SuggestedAnswer(LabelledAnswer Answer, IReadOnlyList<string> Suggested, double Confidence, bool Coded);

/// <summary>
/// Runs theme suggestion over a labelled file the way the issue measures it. Themes belong to a
/// question, so every question is handled on its own. With a coded fraction (setting b) a seeded
/// random share of each question's answers keeps its labels as the officers' coding and the rest is
/// suggested from it; without (setting a) themes are found by clustering alone.
/// </summary>
public static class ThemeEvaluation
{
    public static List<SuggestedAnswer> Suggest(
        IReadOnlyList<LabelledAnswer> answers,
        double? codedFraction,
        int seed,
        ThemeClassifierSettings? classifier = null,
        ThemeClusteringSettings? clustering = null,
        bool baseline = false)
    {
        var result = new SuggestedAnswer?[answers.Count];
        var byQuestion = answers.Select((a, i) => (a, i)).GroupBy(x => x.a.Question, StringComparer.Ordinal);
        foreach (var group in byQuestion)
        {
            var rows = group.Select(x => x.i).ToList();
            var texts = rows.Select(i => answers[i].Text).ToList();
            if (codedFraction is { } fraction)
            {
                var coded = PickCoded(rows.Count, fraction, seed);
                var codedThemes = coded.ToDictionary(k => k, k => (IReadOnlyList<string>)(answers[rows[k]].Themes ?? []));
                var suggestions = baseline
                    ? NearestNeighbourVote.Suggest(texts, codedThemes)
                    : ThemeClassifier.Suggest(texts, codedThemes, classifier);
                for (var k = 0; k < rows.Count; k++)
                {
                    var isCoded = codedThemes.ContainsKey(k);
                    result[rows[k]] = isCoded
                        ? new SuggestedAnswer(answers[rows[k]], answers[rows[k]].Themes ?? [], 1, true)
                        : new SuggestedAnswer(answers[rows[k]], suggestions[k].Themes, suggestions[k].Confidence, false);
                }
            }
            else
            {
                var clusters = ThemeClustering.Suggest(texts, seed, clustering);
                for (var k = 0; k < rows.Count; k++)
                {
                    result[rows[k]] = new SuggestedAnswer(answers[rows[k]], clusters.Answers[k].Themes, clusters.Answers[k].Confidence, false);
                }
            }
        }

        return result.Select(r => r!).ToList();
    }

    /// <summary>
    /// The samples F1 of a file. Setting (a) matches each question's suggested themes one-to-one to its
    /// labelled ones (Hungarian) first; coded answers are never scored.
    /// </summary>
    public static double Score(IReadOnlyList<SuggestedAnswer> suggested, bool matchThemes)
    {
        var pairs = new List<(IReadOnlyCollection<string>, IReadOnlyCollection<string>)>();
        foreach (var group in suggested.Where(s => !s.Coded).GroupBy(s => s.Answer.Question, StringComparer.Ordinal))
        {
            var questionPairs = group.Select(s => ((IReadOnlyCollection<string>)(s.Answer.Themes ?? []), (IReadOnlyCollection<string>)s.Suggested)).ToList();
            if (matchThemes)
            {
                var mapping = ThemeAgreement.MatchThemes(questionPairs);
                questionPairs = questionPairs
                    .Select(p => (p.Item1, (IReadOnlyCollection<string>)p.Item2.Select(t => mapping.TryGetValue(t, out var l) ? l : "\u0001" + t).ToList()))
                    .ToList();
            }

            pairs.AddRange(questionPairs);
        }

        return ThemeAgreement.SamplesF1(pairs);
    }

    /// <summary>A seeded random share of a question's answers (at least one), as positions 0..count-1.</summary>
    public static HashSet<int> PickCoded(int count, double fraction, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var take = Math.Clamp((int)Math.Ceiling(count * fraction), 1, count);
        return order.Take(take).ToHashSet();
    }
}
