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
    /// Fits on documents given as ids of interned terms (collation keeps answers that way). The weights are
    /// those of fitting on the strings, but surviving terms are numbered in term order (a hash of the text,
    /// then the text: <c>TermInterner.Order</c>), the order collation keeps each answer's terms in, so vectors
    /// need no sort; either way the ids' arrival order never shows.
    /// </summary>
    public static (TfIdf Model, int[] IdToIndex) FitIds(IReadOnlyList<byte[]> documents, IReadOnlyList<string> termOf)
    {
        var df = new int[termOf.Count];
        var seen = new int[termOf.Count];
        Array.Fill(seen, -1);
        for (var d = 0; d < documents.Count; d++)
        {
            var reader = TermBag.Read(documents[d]);
            while (reader.Next(out var id, out _))
            {
                if (seen[id] != d)
                {
                    seen[id] = d;
                    df[id]++;
                }
            }
        }

        var minDf = documents.Count >= 20 ? MinDocumentFrequency : 1;
        var ids = Enumerable.Range(0, termOf.Count).Where(id => df[id] >= minDf)
            .OrderBy(id => EngagementPortal.Core.Collation.TermInterner.Order(termOf[id])).ThenBy(id => termOf[id], StringComparer.Ordinal)
            .ToArray();
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

    /// <summary>
    /// Vectors from answers kept as distinct term ids with their counts, in term order (as collation stores them), so
    /// positions come out ascending; an answer whose positions do not (two terms' order keys tied) is sorted. All the
    /// vectors share two arrays, so a question's 100,000 vectors are two allocations the GC never has to copy.
    /// </summary>
    public SparseVector[] TransformAll(IReadOnlyList<byte[]> documents, int[] idToIndex)
    {
        var total = 0;
        var longest = 0;
        foreach (var bag in documents)
        {
            var kept = 0;
            var reader = TermBag.Read(bag);
            while (reader.Next(out var id, out _))
            {
                if (idToIndex[id] >= 0)
                {
                    kept++;
                }
            }

            total += kept;
            longest = Math.Max(longest, kept);
        }

        var indices = new int[total];
        var values = new double[total];
        var scratch = new long[longest];
        var result = new SparseVector[documents.Count];
        var at = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            var m = 0;
            var reader = TermBag.Read(documents[d]);
            while (reader.Next(out var id, out var count))
            {
                var i = idToIndex[id];
                if (i >= 0)
                {
                    scratch[m++] = ((long)i << 16) | (uint)count;
                }
            }

            if (m == 0)
            {
                result[d] = SparseVector.Empty;
                continue;
            }

            var packed = scratch.AsSpan(0, m);
            for (var k = 1; k < m; k++)
            {
                if (packed[k] < packed[k - 1])
                {
                    packed.Sort();
                    break;
                }
            }

            var start = at;
            foreach (var p in packed)
            {
                var i = (int)(p >> 16);
                var count = (int)(p & 0xFFFF);
                indices[at] = i;
                values[at] = (count == 1 ? 1.0 : 1.0 + Math.Log(count)) * Idf[i];
                at++;
            }

            Normalise(values.AsSpan(start, m));
            result[d] = new SparseVector(indices, values, start, m);
        }

        return result;
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
        Normalise(values);
        return new SparseVector(indices, values);
    }

    private static void Normalise(Span<double> values)
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
    }
}
