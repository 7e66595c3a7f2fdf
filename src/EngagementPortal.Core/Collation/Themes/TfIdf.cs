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
        var words = TextTokens.Words(text);
        var terms = new List<string>(words.Count * 2);
        terms.AddRange(words);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            terms.Add(words[i] + " " + words[i + 1]);
        }

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

        if (counts.Count == 0)
        {
            return SparseVector.Empty;
        }

        var indices = counts.Keys.Order().ToArray();
        var values = new double[indices.Length];
        double norm = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            var v = (1.0 + Math.Log(counts[indices[k]])) * Idf[indices[k]];
            values[k] = v;
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
