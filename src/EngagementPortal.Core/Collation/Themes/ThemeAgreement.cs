namespace EngagementPortal.Core.Collation.Themes;

/// <summary>
/// Agreement between suggested and labelled theme sets as i.AI's themefinder reports it: per-response
/// F1, averaged over the responses that have at least one label (scikit-learn's average="samples").
/// </summary>
public static class ThemeAgreement
{
    public static double SamplesF1(IEnumerable<(IReadOnlyCollection<string> Labelled, IReadOnlyCollection<string> Suggested)> pairs)
    {
        double sum = 0;
        var count = 0;
        foreach (var (labelled, suggested) in pairs)
        {
            if (labelled.Count == 0)
            {
                continue;
            }

            count++;
            var hits = suggested.Distinct(StringComparer.Ordinal).Count(labelled.Contains);
            var denominator = labelled.Count + suggested.Distinct(StringComparer.Ordinal).Count();
            sum += denominator == 0 ? 0 : 2.0 * hits / denominator;
        }

        return count == 0 ? 0 : sum / count;
    }

    /// <summary>
    /// For unsupervised suggestions whose names are not the labels: each suggested theme is matched to
    /// at most one labelled theme by the assignment that maximises the number of responses they share
    /// (Hungarian), then the samples F1 is taken with suggested themes renamed to their match.
    /// Unmatched suggested themes keep their own name and so count as wrong.
    /// </summary>
    public static double MatchedSamplesF1(IReadOnlyList<(IReadOnlyCollection<string> Labelled, IReadOnlyCollection<string> Suggested)> pairs)
    {
        var mapping = MatchThemes(pairs);
        return SamplesF1(pairs.Select(p => (p.Labelled,
            (IReadOnlyCollection<string>)p.Suggested.Select(s => mapping.TryGetValue(s, out var l) ? l : "\u0001" + s).ToList())));
    }

    public static Dictionary<string, string> MatchThemes(IReadOnlyList<(IReadOnlyCollection<string> Labelled, IReadOnlyCollection<string> Suggested)> pairs)
    {
        var suggested = pairs.SelectMany(p => p.Suggested).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var labelled = pairs.SelectMany(p => p.Labelled).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var overlap = new double[suggested.Count, labelled.Count];
        var si = suggested.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var li = labelled.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        foreach (var (l, s) in pairs)
        {
            foreach (var a in s.Distinct(StringComparer.Ordinal))
            {
                foreach (var b in l)
                {
                    overlap[si[a], li[b]]++;
                }
            }
        }

        var assignment = Hungarian.MaximiseWeight(overlap);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = 0; r < assignment.Length; r++)
        {
            if (assignment[r] >= 0)
            {
                mapping[suggested[r]] = labelled[assignment[r]];
            }
        }

        return mapping;
    }
}
