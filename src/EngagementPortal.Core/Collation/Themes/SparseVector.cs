namespace EngagementPortal.Core.Collation.Themes;

/// <summary>A sparse vector with ascending indices; TF-IDF rows are L2-normalised so a dot product is a cosine.</summary>
public sealed class SparseVector
{
    private readonly int[] indices;
    private readonly double[] values;
    private readonly int start;
    private readonly int length;

    public SparseVector(int[] indices, double[] values)
        : this(indices, values, 0, indices.Length)
    {
    }

    /// <summary>A vector over a slice of shared arrays: a question's vectors live in two large arrays, not two small ones each.</summary>
    public SparseVector(int[] indices, double[] values, int start, int length)
    {
        this.indices = indices;
        this.values = values;
        this.start = start;
        this.length = length;
    }

    public static SparseVector Empty { get; } = new([], []);

    public ReadOnlySpan<int> Indices => indices.AsSpan(start, length);

    public ReadOnlySpan<double> Values => values.AsSpan(start, length);

    public double Dot(SparseVector other)
    {
        double sum = 0;
        int i = 0, j = 0;
        var a = Indices;
        var b = other.Indices;
        var av = Values;
        var bv = other.Values;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                sum += av[i] * bv[j];
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    public double Dot(double[] dense)
    {
        double sum = 0;
        var ix = Indices;
        var vs = Values;
        for (var i = 0; i < ix.Length; i++)
        {
            sum += vs[i] * dense[ix[i]];
        }

        return sum;
    }

    public void AddTo(double[] dense, double weight)
    {
        var ix = Indices;
        var vs = Values;
        for (var i = 0; i < ix.Length; i++)
        {
            dense[ix[i]] += vs[i] * weight;
        }
    }

    public static void Normalise(double[] dense)
    {
        double norm = 0;
        foreach (var v in dense)
        {
            norm += v * v;
        }

        if (norm <= 0)
        {
            return;
        }

        norm = Math.Sqrt(norm);
        for (var i = 0; i < dense.Length; i++)
        {
            dense[i] /= norm;
        }
    }
}
