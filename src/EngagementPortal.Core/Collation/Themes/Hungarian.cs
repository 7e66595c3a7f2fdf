namespace EngagementPortal.Core.Collation.Themes;

/// <summary>
/// The Hungarian (Kuhn–Munkres) algorithm with potentials, O(n²m): the one-to-one assignment of rows
/// to columns with the least total cost. Rectangular matrices are padded with zero-cost dummies, so
/// with more rows than columns some rows stay unassigned (-1).
/// </summary>
public static class Hungarian
{
    /// <summary>For each row the column it is assigned to, or -1.</summary>
    public static int[] MinimiseCost(double[,] cost)
    {
        var rows = cost.GetLength(0);
        var cols = cost.GetLength(1);
        var n = Math.Max(rows, cols);
        if (n == 0)
        {
            return [];
        }

        // 1-based arrays as in the classic formulation; index 0 is the virtual start column.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var p = new int[n + 1];
        var way = new int[n + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = new double[n + 1];
            var used = new bool[n + 1];
            Array.Fill(minv, double.PositiveInfinity);
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var c = Cost(cost, i0 - 1, j - 1, rows, cols) - u[i0] - v[j];
                    if (c < minv[j])
                    {
                        minv[j] = c;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var assignment = new int[rows];
        Array.Fill(assignment, -1);
        for (var j = 1; j <= n; j++)
        {
            if (p[j] >= 1 && p[j] <= rows && j <= cols)
            {
                assignment[p[j] - 1] = j - 1;
            }
        }

        return assignment;
    }

    /// <summary>The assignment with the greatest total weight (e.g. overlap counts).</summary>
    public static int[] MaximiseWeight(double[,] weight)
    {
        var rows = weight.GetLength(0);
        var cols = weight.GetLength(1);
        var max = 0.0;
        foreach (var w in weight)
        {
            max = Math.Max(max, w);
        }

        var cost = new double[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                cost[r, c] = max - weight[r, c];
            }
        }

        return MinimiseCost(cost);
    }

    private static double Cost(double[,] cost, int r, int c, int rows, int cols) =>
        r < rows && c < cols ? cost[r, c] : 0;
}
