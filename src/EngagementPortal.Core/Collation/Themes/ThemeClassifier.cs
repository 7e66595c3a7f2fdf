namespace EngagementPortal.Core.Collation.Themes;

/// <summary>A suggested set of themes for one answer, the best first, with the confidence of the best.</summary>
public sealed record ThemeSuggestion(IReadOnlyList<string> Themes, double Confidence);

/// <summary>Settings of the semi-supervised classifier; defaults measured on the testdata (bench/README.md).</summary>
public sealed record ThemeClassifierSettings
{
    /// <summary>A further theme is suggested when its score is at least this share of the best one's.</summary>
    public double SecondThemeRatio { get; init; } = 0.7;

    public int MaxThemes { get; init; } = 2;

    /// <summary>Weight of the theme's own name as an extra example in its centroid, relative to a coded answer.</summary>
    public double ThemeNameWeight { get; init; } = 1.0;

    /// <summary>Rounds in which the centroids also take in the uncoded answers they currently win (self-training).</summary>
    public int SelfTrainingRounds { get; init; } = 3;

    /// <summary>Weight of an uncoded answer in a centroid during self-training, relative to a coded one.</summary>
    public double SelfTrainingWeight { get; init; } = 0.3;
}

/// <summary>
/// Suggests themes for uncoded answers from the share officers coded (semi-supervised): a Rocchio
/// classifier with self-training over TF-IDF of words and two-word phrases.
/// <list type="number">
/// <item>TF-IDF is fitted on all the question's answers, coded or not, so rare and common terms are
/// weighted by the whole body of text rather than by the few coded answers.</item>
/// <item>Each theme's centre is the normalised sum of its coded answers plus the theme's own name as
/// one more example (officers name themes in the answers' words: "Impact on sports sponsorship").</item>
/// <item>Self-training: for a few rounds every centre also takes in, at a lower weight, the uncoded
/// answers it currently wins, so a theme reaches paraphrases its coded examples share no words with.</item>
/// <item>An answer gets its best theme, and a second one when that scores at least
/// <see cref="ThemeClassifierSettings.SecondThemeRatio"/> of the best.</item>
/// </list>
/// Measured against a plain TF-IDF nearest-neighbour vote (<see cref="NearestNeighbourVote"/>), and
/// against an ensemble with k-NN, logistic regression and label propagation, which added nothing
/// (docs/adr/0041-theme-suggestion-methods.md).
/// </summary>
public static class ThemeClassifier
{
    public static IReadOnlyList<ThemeSuggestion> Suggest(
        IReadOnlyList<string> texts,
        IReadOnlyDictionary<int, IReadOnlyList<string>> coded,
        ThemeClassifierSettings? settings = null)
    {
        var documents = texts.Select(TfIdf.TermsOf).ToList();
        var model = TfIdf.Fit(documents);
        return Suggest(model, documents.Select(model.Transform).ToArray(), coded, settings);
    }

    /// <summary>
    /// The same over vectors already made by <paramref name="model"/> (collation builds them from stored term ids).
    /// Self-training learns from <paramref name="training"/> (positions of uncoded answers; every uncoded answer
    /// when null) and every answer is scored once against the final centres, so a large question costs one pass
    /// over all its answers rather than one per round. With <paramref name="training"/> null the result is
    /// exactly that of self-training on every answer.
    /// </summary>
    public static IReadOnlyList<ThemeSuggestion> Suggest(
        TfIdf model,
        SparseVector[] vectors,
        IReadOnlyDictionary<int, IReadOnlyList<string>> coded,
        ThemeClassifierSettings? settings = null,
        IReadOnlyList<int>? training = null)
    {
        settings ??= new ThemeClassifierSettings();
        var themes = coded.Values.SelectMany(t => t).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var n = vectors.Length;
        if (themes.Length == 0)
        {
            return Enumerable.Repeat(new ThemeSuggestion([], 0), n).ToList();
        }

        var names = themes.Select(t => model.Transform(TfIdf.TermsOf(t))).ToArray();
        var isCoded = new bool[n];
        var codedThemes = new List<int>[themes.Length];
        for (var t = 0; t < themes.Length; t++)
        {
            codedThemes[t] = coded.Where(p => p.Value.Contains(themes[t], StringComparer.Ordinal)).Select(p => p.Key).Order().ToList();
        }

        foreach (var row in coded.Keys)
        {
            isCoded[row] = true;
        }

        var learners = (training ?? Enumerable.Range(0, n).ToArray()).Where(i => !isCoded[i]).Order().ToArray();
        var kt = themes.Length;
        var learnerScores = new double[learners.Length * kt];
        var hasScores = false;
        double[] layout = [];
        for (var round = 0; round <= settings.SelfTrainingRounds; round++)
        {
            var centres = new double[kt][];
            for (var t = 0; t < kt; t++)
            {
                centres[t] = new double[model.Dimension];
                names[t].AddTo(centres[t], settings.ThemeNameWeight);
                foreach (var member in codedThemes[t])
                {
                    vectors[member].AddTo(centres[t], 1.0);
                }
            }

            if (hasScores)
            {
                // Self-training: each learner pulls the centres it currently wins, less than a coded answer does.
                for (var j = 0; j < learners.Length; j++)
                {
                    var row = learnerScores.AsSpan(j * kt, kt);
                    double best = 0;
                    for (var t = 0; t < kt; t++)
                    {
                        best = Math.Max(best, row[t]);
                    }

                    for (var t = 0; t < kt; t++)
                    {
                        if (best > 0 && row[t] >= settings.SecondThemeRatio * best)
                        {
                            vectors[learners[j]].AddTo(centres[t], settings.SelfTrainingWeight);
                        }
                    }
                }
            }

            foreach (var centre in centres)
            {
                SparseVector.Normalise(centre);
            }

            layout = ThemeClustering.Transpose(centres, model.Dimension);
            if (round < settings.SelfTrainingRounds)
            {
                for (var j = 0; j < learners.Length; j++)
                {
                    ThemeClustering.AllSimilarities(vectors[learners[j]], layout, learnerScores.AsSpan(j * kt, kt));
                }

                hasScores = true;
            }
        }

        // Every answer against the final centres, once.
        var scores = new double[n, kt];
        var rowScores = new double[kt];
        for (var i = 0; i < n; i++)
        {
            ThemeClustering.AllSimilarities(vectors[i], layout, rowScores);
            for (var t = 0; t < kt; t++)
            {
                scores[i, t] = rowScores[t];
            }
        }

        return Choose(scores, themes, settings.SecondThemeRatio, settings.MaxThemes);
    }

    /// <summary>Best theme, plus runners-up within the ratio; confidence is the best cosine, lowered when a single pick had a close rival.</summary>
    internal static List<ThemeSuggestion> Choose(double[,] scores, string[] themes, double ratio, int maxThemes)
    {
        var result = new List<ThemeSuggestion>(scores.GetLength(0));
        var ranked = new int[themes.Length];
        for (var i = 0; i < scores.GetLength(0); i++)
        {
            // Rank by score, highest first, ties by theme name (themes are in ordinal order, so by position);
            // an insertion sort over a handful of themes, no allocation per answer.
            for (var t = 0; t < ranked.Length; t++)
            {
                var k = t;
                while (k > 0 && scores[i, ranked[k - 1]] < scores[i, t])
                {
                    ranked[k] = ranked[k - 1];
                    k--;
                }

                ranked[k] = t;
            }

            var best = scores[i, ranked[0]];
            if (best <= 0)
            {
                result.Add(new ThemeSuggestion([], 0));
                continue;
            }

            var chosen = new List<string>(Math.Min(maxThemes, ranked.Length)) { themes[ranked[0]] };
            for (var k = 1; k < Math.Min(maxThemes, ranked.Length) && scores[i, ranked[k]] >= ratio * best; k++)
            {
                chosen.Add(themes[ranked[k]]);
            }

            var second = ranked.Length > 1 ? Math.Max(0, scores[i, ranked[1]]) : 0;
            var confidence = chosen.Count == 1 ? best * (1 - (second / best * 0.5)) : best;
            result.Add(new ThemeSuggestion(chosen, Math.Round(Math.Clamp(confidence, 0, 1), 4)));
        }

        return result;
    }
}

/// <summary>
/// The baseline the issue names: a plain TF-IDF nearest-neighbour vote (each uncoded answer takes the
/// themes of its k most similar coded answers, weighted by similarity). Kept to show the classifier beats it.
/// </summary>
public static class NearestNeighbourVote
{
    public static IReadOnlyList<ThemeSuggestion> Suggest(IReadOnlyList<string> texts, IReadOnlyDictionary<int, IReadOnlyList<string>> coded, int k = 5, double ratio = 0.5)
    {
        var themes = coded.Values.SelectMany(t => t).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (themes.Length == 0)
        {
            return Enumerable.Repeat(new ThemeSuggestion([], 0), texts.Count).ToList();
        }

        var documents = texts.Select(TfIdf.TermsOf).ToList();
        var model = TfIdf.Fit(documents);
        var vectors = documents.Select(model.Transform).ToArray();
        var codedRows = coded.Keys.Order().ToArray();
        var scores = new double[texts.Count, themes.Length];
        for (var i = 0; i < texts.Count; i++)
        {
            var neighbours = codedRows.Where(r => r != i)
                .Select(r => (Row: r, Sim: vectors[i].Dot(vectors[r])))
                .OrderByDescending(x => x.Sim).ThenBy(x => x.Row)
                .Take(k);
            foreach (var (row, sim) in neighbours)
            {
                foreach (var theme in coded[row])
                {
                    scores[i, Array.IndexOf(themes, theme)] += sim;
                }
            }
        }

        return ThemeClassifier.Choose(scores, themes, ratio, 2);
    }
}
