namespace EngagementPortal.Core.Collation.Themes;

/// <summary>
/// TF-IDF over stemmed words and two-word phrases, fitted on one question's answers (phrases carry
/// meaning single words lose: "public health", "free market"). Sublinear term frequency, smoothed IDF,
/// rows L2-normalised. Terms that occur in fewer than <see cref="MinDocumentFrequency"/> answers are
/// dropped unless the corpus is tiny.
/// </summary>
public sealed class TfIdf
{
    private readonly Dictionary<string, int> index;

    private TfIdf(Dictionary<string, int> index, string[] terms, double[] idf)
    {
        this.index = index;
        Terms = terms;
        Idf = idf;
    }

    public const int MinDocumentFrequency = 2;

    public IReadOnlyList<string> Terms { get; }

    public double[] Idf { get; }

    public int Dimension => Terms.Count;

    public static List<string> TermsOf(string text)
    {
        var terms = new List<string>();
        TextTokens.Terms(text, term => terms.Add(new string(term)));
        return terms;
    }

    public static TfIdf Fit(IReadOnlyList<List<string>> documents)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            foreach (var term in doc.Distinct(StringComparer.Ordinal))
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }

        var minDf = documents.Count >= 20 ? MinDocumentFrequency : 1;
        var terms = df.Where(p => p.Value >= minDf).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        var idf = new double[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            index[terms[i]] = i;
            idf[i] = Math.Log((1.0 + documents.Count) / (1.0 + df[terms[i]])) + 1.0;
        }

        return new TfIdf(index, terms, idf);
    }

    /// <summary>
    /// Fits on documents given as ids of interned terms (collation keeps answers that way). The result is
    /// the same as fitting on the strings: surviving terms are indexed in ordinal order of their text,
    /// so the ids' arrival order never shows.
    /// </summary>
    public static (TfIdf Model, int[] IdToIndex) FitIds(IReadOnlyList<int[]> documents, IReadOnlyList<string> termOf)
    {
        var df = new int[termOf.Count];
        var seen = new int[termOf.Count];
        Array.Fill(seen, -1);
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var id in documents[d])
            {
                if (seen[id] != d)
                {
                    seen[id] = d;
                    df[id]++;
                }
            }
        }

        var minDf = documents.Count >= 20 ? MinDocumentFrequency : 1;
        var ids = Enumerable.Range(0, termOf.Count).Where(id => df[id] >= minDf).OrderBy(id => termOf[id], StringComparer.Ordinal).ToArray();
        var idToIndex = new int[termOf.Count];
        Array.Fill(idToIndex, -1);
        var terms = new string[ids.Length];
        var idf = new double[ids.Length];
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            idToIndex[ids[i]] = i;
            terms[i] = termOf[ids[i]];
            index[terms[i]] = i;
            idf[i] = Math.Log((1.0 + documents.Count) / (1.0 + df[ids[i]])) + 1.0;
        }

        return (new TfIdf(index, terms, idf), idToIndex);
    }

    public SparseVector TransformIds(int[] document, int[] idToIndex)
    {
        // Answers are short: sort the mapped ids and count runs, no dictionary per answer.
        var mapped = new int[document.Length];
        var m = 0;
        foreach (var id in document)
        {
            var i = idToIndex[id];
            if (i >= 0)
            {
                mapped[m++] = i;
            }
        }

        if (m == 0)
        {
            return SparseVector.Empty;
        }

        Array.Sort(mapped, 0, m);
        var distinct = 1;
        for (var k = 1; k < m; k++)
        {
            if (mapped[k] != mapped[k - 1])
            {
                distinct++;
            }
        }

        var indices = new int[distinct];
        var values = new double[distinct];
        var run = 1;
        var at = 0;
        for (var k = 1; k <= m; k++)
        {
            if (k < m && mapped[k] == mapped[k - 1])
            {
                run++;
                continue;
            }

            indices[at] = mapped[k - 1];
            values[at] = (run == 1 ? 1.0 : 1.0 + Math.Log(run)) * Idf[mapped[k - 1]];
            at++;
            run = 1;
        }

        return Normalised(indices, values);
    }

    public SparseVector Transform(List<string> document)
    {
        var counts = new Dictionary<int, int>();
        foreach (var term in document)
        {
            if (index.TryGetValue(term, out var i))
            {
                counts[i] = counts.GetValueOrDefault(i) + 1;
            }
        }

        return Weigh(counts);
    }

    private SparseVector Weigh(Dictionary<int, int> counts)
    {
        if (counts.Count == 0)
        {
            return SparseVector.Empty;
        }

        var indices = counts.Keys.Order().ToArray();
        var values = new double[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            values[k] = (1.0 + Math.Log(counts[indices[k]])) * Idf[indices[k]];
        }

        return Normalised(indices, values);
    }

    private static SparseVector Normalised(int[] indices, double[] values)
    {
        double norm = 0;
        foreach (var v in values)
        {
            norm += v * v;
        }

        norm = Math.Sqrt(norm);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] /= norm;
        }

        return new SparseVector(indices, values);
    }
}
