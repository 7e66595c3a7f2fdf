namespace EngagementPortal.Core.Collation.Themes;

/// <summary>A theme found in uncoded text: a label from its most distinctive terms and its closest quotes.</summary>
public sealed record SuggestedTheme(string Label, IReadOnlyList<string> Terms, int Size, IReadOnlyList<int> ClosestAnswers);

/// <summary>Suggested themes for a question's answers and, per answer, which of them fit with a confidence.</summary>
public sealed record ThemeClusters(IReadOnlyList<SuggestedTheme> Themes, IReadOnlyList<ThemeSuggestion> Answers);

public sealed record ThemeClusteringSettings
{
    /// <summary>Number of themes; 0 picks one from the number of answers.</summary>
    public int Themes { get; init; }

    public int Restarts { get; init; } = 8;

    public int Iterations { get; init; } = 30;

    public double SecondThemeRatio { get; init; } = 0.9;

    public int LabelTerms { get; init; } = 3;

    public int Quotes { get; init; } = 3;
}

/// <summary>
/// Finds themes in uncoded answers with nothing coded: TF-IDF over words and two-word phrases,
/// spherical k-means (cosine similarity) seeded by k-means++ from a fixed seed and restarted a few
/// times, keeping the tightest. A theme is labelled by the terms whose weight in it most exceeds
/// their weight across all answers, and illustrated by the answers closest to its centre.
/// </summary>
public static class ThemeClustering
{
    public static ThemeClusters Suggest(IReadOnlyList<string> texts, int seed, ThemeClusteringSettings? settings = null)
    {
        settings ??= new ThemeClusteringSettings();
        var n = texts.Count;
        if (n == 0)
        {
            return new ThemeClusters([], []);
        }

        var documents = texts.Select(TfIdf.TermsOf).ToList();
        var model = TfIdf.Fit(documents);
        var vectors = documents.Select(model.Transform).ToArray();
        var k = settings.Themes > 0 ? settings.Themes : DefaultThemeCount(n);
        k = Math.Min(k, n);

        double bestObjective = double.NegativeInfinity;
        double[][] best = [];
        var random = new Random(seed);
        for (var restart = 0; restart < settings.Restarts; restart++)
        {
            var (centres, objective) = KMeans(vectors, k, model.Dimension, random, settings.Iterations);
            if (objective > bestObjective)
            {
                bestObjective = objective;
                best = centres;
            }
        }

        var similarity = new double[n][];
        var assigned = new int[n];
        for (var i = 0; i < n; i++)
        {
            similarity[i] = best.Select(c => vectors[i].Dot(c)).ToArray();
            assigned[i] = ArgMax(similarity[i]);
        }

        var global = new double[model.Dimension];
        foreach (var v in vectors)
        {
            v.AddTo(global, 1.0 / n);
        }

        var labels = new List<SuggestedTheme>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < best.Length; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => assigned[i] == c).ToList();
            var terms = Enumerable.Range(0, model.Dimension)
                .Where(d => best[c][d] > 0)
                .Select(d => (Term: model.Terms[d], Score: best[c][d] - global[d]))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Term, StringComparer.Ordinal)
                .Select(x => x.Term)
                .Where(t => !used.Contains(t))
                .Take(settings.LabelTerms)
                .ToList();
            var label = terms.Count == 0 ? $"Theme {c + 1}" : string.Join(" / ", terms);
            while (!used.Add(label))
            {
                label += "'";
            }

            var quotes = members.OrderByDescending(i => similarity[i][c]).ThenBy(i => i).Take(settings.Quotes).ToList();
            labels.Add(new SuggestedTheme(label, terms, members.Count, quotes));
        }

        var answers = new List<ThemeSuggestion>(n);
        for (var i = 0; i < n; i++)
        {
            var top = similarity[i][assigned[i]];
            if (top <= 0)
            {
                answers.Add(new ThemeSuggestion([], 0));
                continue;
            }

            var chosen = Enumerable.Range(0, best.Length)
                .Where(c => c == assigned[i] || similarity[i][c] >= settings.SecondThemeRatio * top)
                .OrderByDescending(c => similarity[i][c]).ThenBy(c => c)
                .Take(2)
                .Select(c => labels[c].Label)
                .ToList();
            answers.Add(new ThemeSuggestion(chosen, Math.Round(top, 4)));
        }

        return new ThemeClusters(labels, answers);
    }

    /// <summary>About one theme per 40 answers, at least 3 and at most 12: a coding frame officers can read.</summary>
    public static int DefaultThemeCount(int answers) => Math.Clamp((int)Math.Round(Math.Sqrt(answers / 4.0)), 3, 12);

    private static (double[][] Centres, double Objective) KMeans(SparseVector[] vectors, int k, int dimension, Random random, int iterations)
    {
        var n = vectors.Length;

        // k-means++ seeding on cosine distance.
        var centres = new List<double[]>();
        var first = random.Next(n);
        centres.Add(Dense(vectors[first], dimension));
        var distance = new double[n];
        while (centres.Count < k)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                var d = centres.Min(c => 1 - vectors[i].Dot(c));
                distance[i] = Math.Max(0, d) * Math.Max(0, d);
                sum += distance[i];
            }

            var pick = random.NextDouble() * sum;
            var chosen = n - 1;
            for (var i = 0; i < n; i++)
            {
                pick -= distance[i];
                if (pick <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centres.Add(Dense(vectors[chosen], dimension));
        }

        var assignment = new int[n];
        double objective = 0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            objective = 0;
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var bestC = 0;
                var bestSim = double.NegativeInfinity;
                for (var c = 0; c < k; c++)
                {
                    var s = vectors[i].Dot(centres[c]);
                    if (s > bestSim)
                    {
                        bestSim = s;
                        bestC = c;
                    }
                }

                if (assignment[i] != bestC || iteration == 0)
                {
                    changed |= assignment[i] != bestC;
                    assignment[i] = bestC;
                }

                objective += bestSim;
            }

            if (!changed && iteration > 0)
            {
                break;
            }

            for (var c = 0; c < k; c++)
            {
                var centre = new double[dimension];
                var members = 0;
                for (var i = 0; i < n; i++)
                {
                    if (assignment[i] == c)
                    {
                        vectors[i].AddTo(centre, 1);
                        members++;
                    }
                }

                if (members == 0)
                {
                    // An empty theme restarts at a random answer rather than vanishing.
                    centre = Dense(vectors[random.Next(n)], dimension);
                }

                SparseVector.Normalise(centre);
                centres[c] = centre;
            }
        }

        return (centres.ToArray(), objective);
    }

    private static double[] Dense(SparseVector v, int dimension)
    {
        var d = new double[dimension];
        v.AddTo(d, 1);
        return d;
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
