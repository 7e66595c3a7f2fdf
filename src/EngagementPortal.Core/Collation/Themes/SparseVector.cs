namespace EngagementPortal.Core.Collation.Themes;

/// <summary>A sparse vector with ascending indices; TF-IDF rows are L2-normalised so a dot product is a cosine.</summary>
public sealed class SparseVector
{
    public SparseVector(int[] indices, double[] values)
    {
        Indices = indices;
        Values = values;
    }

    public static SparseVector Empty { get; } = new([], []);

    public int[] Indices { get; }

    public double[] Values { get; }

    public double Dot(SparseVector other)
    {
        double sum = 0;
        int i = 0, j = 0;
        var a = Indices;
        var b = other.Indices;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                sum += Values[i] * other.Values[j];
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
        for (var i = 0; i < Indices.Length; i++)
        {
            sum += Values[i] * dense[Indices[i]];
        }

        return sum;
    }

    public void AddTo(double[] dense, double weight)
    {
        for (var i = 0; i < Indices.Length; i++)
        {
            dense[Indices[i]] += Values[i] * weight;
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
