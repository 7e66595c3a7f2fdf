using System.Numerics;
namespace EngagementPortal.Core.Collation.Themes;

/// <summary>A theme found in uncoded text: a label from its most distinctive terms and its closest quotes.</summary>
public sealed record SuggestedTheme(string Label, IReadOnlyList<string> Terms, int Size, IReadOnlyList<int> ClosestAnswers);

/// <summary>Suggested themes for a question's answers and, per answer, which of them fit with a confidence.</summary>
public sealed record ThemeClusters(IReadOnlyList<SuggestedTheme> Themes, IReadOnlyList<ThemeSuggestion> Answers);

public sealed record ThemeClusteringSettings
{
    /// <summary>Number of themes; 0 picks one from the number of answers.</summary>
    public int Themes { get; init; }

    public int Restarts { get; init; } = 4;

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
        var documents = texts.Select(TfIdf.TermsOf).ToList();
        var model = TfIdf.Fit(documents);
        return Suggest(model, documents.Select(model.Transform).ToArray(), seed, settings);
    }

    /// <summary>
    /// The same over vectors already made by <paramref name="model"/>. Centres are found on
    /// <paramref name="sample"/> (positions into <paramref name="vectors"/>; all when null) and every
    /// answer is then assigned, so large questions cost one pass. Quotes come only from answers
    /// <paramref name="quotable"/> allows (those whose authors agreed to publish). Without <paramref name="perAnswer"/>,
    /// no suggestion per answer is made (collation suggests from officers' codes instead when there are some).
    /// </summary>
    public static ThemeClusters Suggest(
        TfIdf model,
        SparseVector[] vectors,
        int seed,
        ThemeClusteringSettings? settings = null,
        IReadOnlyList<int>? sample = null,
        Func<int, bool>? quotable = null,
        bool perAnswer = true)
    {
        settings ??= new ThemeClusteringSettings();
        var n = vectors.Length;
        if (n == 0)
        {
            return new ThemeClusters([], []);
        }

        var training = sample is null ? vectors : sample.Select(i => vectors[i]).ToArray();
        var k = settings.Themes > 0 ? settings.Themes : DefaultThemeCount(training.Length);
        k = Math.Min(k, training.Length);

        double bestObjective = double.NegativeInfinity;
        double[][] best = [];
        var random = new Random(seed);

        // k-means over only the terms the training answers use: every other term is 0 in every centre it makes, and
        // leaving out zeros changes no sum, so the centres are exactly those over all terms, for far less work per
        // iteration when a few thousand answers train on a vocabulary fitted on 100,000.
        var (compact, vocabulary) = Compact(training, model.Dimension);
        for (var restart = 0; restart < settings.Restarts; restart++)
        {
            var (centres, objective) = KMeans(compact, k, vocabulary.Length, random, settings.Iterations);
            if (objective > bestObjective)
            {
                bestObjective = objective;
                best = centres;
            }
        }

        best = [.. best.Select(centre => Expand(centre, vocabulary, model.Dimension))];

        // One array of n × k scores rather than n small ones: far less for the GC to trace and copy.
        var kc = best.Length;
        var flat = new double[n * kc];
        var assigned = new int[n];
        var bestLayout = Transpose(best, model.Dimension);
        for (var i = 0; i < n; i++)
        {
            var row = flat.AsSpan(i * kc, kc);
            AllSimilarities(vectors[i], bestLayout, row);
            assigned[i] = ArgMax(row);
        }

        var global = new double[model.Dimension];
        foreach (var v in vectors)
        {
            v.AddTo(global, 1.0 / n);
        }

        var members = new List<int>[best.Length];
        for (var c = 0; c < best.Length; c++)
        {
            members[c] = [];
        }

        for (var i = 0; i < n; i++)
        {
            members[assigned[i]].Add(i);
        }

        var labels = new List<SuggestedTheme>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < best.Length; c++)
        {
            var centre = best[c];
            var terms = Enumerable.Range(0, model.Dimension)
                .Where(d => centre[d] > 0)
                .Select(d => (Term: model.Terms[d], Score: centre[d] - global[d]))
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

            foreach (var term in terms)
            {
                used.Add(term);
            }

            var quotes = Closest(members[c], i => flat[(i * kc) + c], quotable, settings.Quotes);
            labels.Add(new SuggestedTheme(label, terms, members[c].Count, quotes));
        }

        var answers = new List<ThemeSuggestion>(perAnswer ? n : 0);
        for (var i = 0; i < (perAnswer ? n : 0); i++)
        {
            var top = flat[(i * kc) + assigned[i]];
            if (top <= 0)
            {
                answers.Add(new ThemeSuggestion([], 0));
                continue;
            }

            var chosen = new List<string> { labels[assigned[i]].Label };
            var runnerUp = -1;
            for (var c = 0; c < best.Length; c++)
            {
                if (c != assigned[i] && flat[(i * kc) + c] >= settings.SecondThemeRatio * top && (runnerUp < 0 || flat[(i * kc) + c] > flat[(i * kc) + runnerUp]))
                {
                    runnerUp = c;
                }
            }

            if (runnerUp >= 0)
            {
                chosen.Add(labels[runnerUp].Label);
            }

            answers.Add(new ThemeSuggestion(chosen, Math.Round(top, 4)));
        }

        return new ThemeClusters(labels, answers);
    }

    /// <summary>
    /// The <paramref name="count"/> quotable members with the highest score, ties by position: a running
    /// top-k over the members (ascending), rather than sorting every member of a large theme.
    /// </summary>
    private static List<int> Closest(List<int> members, Func<int, double> score, Func<int, bool>? quotable, int count)
    {
        var top = new List<int>(count + 1);
        foreach (var i in members)
        {
            if (count <= 0 || (quotable is not null && !quotable(i)))
            {
                continue;
            }

            var s = score(i);

            // Members come in ascending position, so an equal score never displaces an earlier one.
            var at = top.Count;
            while (at > 0 && score(top[at - 1]) < s)
            {
                at--;
            }

            if (at >= count)
            {
                continue;
            }

            top.Insert(at, i);
            if (top.Count > count)
            {
                top.RemoveAt(top.Count - 1);
            }
        }

        return top;
    }

    /// <summary>About one theme per 40 answers, at least 3 and at most 12: a coding frame officers can read.</summary>
    public static int DefaultThemeCount(int answers) => Math.Clamp((int)Math.Round(Math.Sqrt(answers / 4.0)), 3, 12);

    private static (double[][] Centres, double Objective) KMeans(SparseVector[] vectors, int k, int dimension, Random random, int iterations)
    {
        var n = vectors.Length;

        // k-means++ seeding on cosine distance; each point's distance to its nearest centre is kept up to date.
        var centres = new List<double[]> { Dense(vectors[random.Next(n)], dimension) };
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        while (centres.Count < k)
        {
            var newest = centres[^1];
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                var d = Math.Max(0, 1 - vectors[i].Dot(newest));
                nearest[i] = Math.Min(nearest[i], d * d);
                sum += nearest[i];
            }

            var pick = random.NextDouble() * sum;
            var chosen = n - 1;
            for (var i = 0; i < n; i++)
            {
                pick -= nearest[i];
                if (pick <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centres.Add(Dense(vectors[chosen], dimension));
        }

        var assignment = new int[n];
        var similarity = new double[k];
        double objective = 0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var layout = Transpose(centres, dimension);
            objective = 0;
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                AllSimilarities(vectors[i], layout, similarity);
                var bestC = ArgMax(similarity);
                changed |= assignment[i] != bestC;
                assignment[i] = bestC;
                objective += similarity[bestC];
            }

            if (!changed && iteration > 0)
            {
                break;
            }

            var sums = new double[k][];
            var members = new int[k];
            for (var c = 0; c < k; c++)
            {
                sums[c] = new double[dimension];
            }

            for (var i = 0; i < n; i++)
            {
                vectors[i].AddTo(sums[assignment[i]], 1);
                members[assignment[i]]++;
            }

            for (var c = 0; c < k; c++)
            {
                // An empty theme restarts at a random answer rather than vanishing.
                var centre = members[c] == 0 ? Dense(vectors[random.Next(n)], dimension) : sums[c];
                SparseVector.Normalise(centre);
                centres[c] = centre;
            }
        }

        return (centres.ToArray(), objective);
    }

    /// <summary>The vectors over only the terms they use (in ascending order, so each keeps its order of terms), and those terms.</summary>
    private static (SparseVector[] Vectors, int[] Terms) Compact(SparseVector[] vectors, int dimension)
    {
        var position = new int[dimension];
        var total = 0;
        foreach (var v in vectors)
        {
            foreach (var i in v.Indices)
            {
                position[i] = 1;
            }

            total += v.Indices.Length;
        }

        var terms = new List<int>();
        for (var d = 0; d < dimension; d++)
        {
            if (position[d] != 0)
            {
                position[d] = terms.Count;
                terms.Add(d);
            }
        }

        var indices = new int[total];
        var values = new double[total];
        var result = new SparseVector[vectors.Length];
        var at = 0;
        for (var j = 0; j < vectors.Length; j++)
        {
            var v = vectors[j];
            var start = at;
            var vi = v.Indices;
            var vv = v.Values;
            for (var t = 0; t < vi.Length; t++)
            {
                indices[at] = position[vi[t]];
                values[at] = vv[t];
                at++;
            }

            result[j] = vi.Length == 0 ? SparseVector.Empty : new SparseVector(indices, values, start, vi.Length);
        }

        return (result, [.. terms]);
    }

    private static double[] Expand(double[] centre, int[] terms, int dimension)
    {
        var full = new double[dimension];
        for (var d = 0; d < terms.Length; d++)
        {
            full[terms[d]] = centre[d];
        }

        return full;
    }

    /// <summary>Centres laid out term-major (term × centre), so one pass over a sparse answer scores every centre from contiguous memory.</summary>
    internal static double[] Transpose(IReadOnlyList<double[]> centres, int dimension)
    {
        var k = centres.Count;
        var layout = new double[dimension * k];
        for (var c = 0; c < k; c++)
        {
            var centre = centres[c];
            for (var d = 0; d < dimension; d++)
            {
                layout[(d * k) + c] = centre[d];
            }
        }

        return layout;
    }

    /// <summary>
    /// Cosine of one answer with every centre. Centres go four (or eight) at a time in SIMD registers, each summed over
    /// the answer's terms in ascending order, so every score has exactly the bits of the plain loop (tested).
    /// </summary>
    internal static void AllSimilarities(SparseVector vector, double[] layout, Span<double> span)
    {
        var k = span.Length;
        var indices = vector.Indices;
        var values = vector.Values;
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            for (; c + width <= k; c += width)
            {
                var sum = Vector<double>.Zero;
                for (var j = 0; j < indices.Length; j++)
                {
                    sum += new Vector<double>(values[j]) * new Vector<double>(layout, (indices[j] * k) + c);
                }

                sum.CopyTo(span[c..]);
            }
        }

        for (; c < k; c++)
        {
            double sum = 0;
            for (var j = 0; j < indices.Length; j++)
            {
                sum += values[j] * layout[(indices[j] * k) + c];
            }

            span[c] = sum;
        }
    }

    private static double[] Dense(SparseVector v, int dimension)
    {
        var d = new double[dimension];
        v.AddTo(d, 1);
        return d;
    }

    private static int ArgMax(ReadOnlySpan<double> values)
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
