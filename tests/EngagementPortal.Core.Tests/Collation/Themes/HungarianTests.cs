using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Tests.Collation.Themes;

public sealed class HungarianTests
{
    [Fact]
    public void MinimiseCost_ClassicExample_OptimalAssignment()
    {
        var cost = new double[,] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };
        Assert.Equal([1, 0, 2], Hungarian.MinimiseCost(cost));
    }

    [Fact]
    public void MaximiseWeight_MoreRowsThanColumns_ExtraRowUnassigned()
    {
        var weight = new double[,] { { 5, 0 }, { 1, 1 }, { 0, 9 } };
        Assert.Equal([0, -1, 1], Hungarian.MaximiseWeight(weight));
    }

    [Fact]
    public void MaximiseWeight_MoreColumnsThanRows_EachRowOneColumn()
    {
        var weight = new double[,] { { 1, 7, 3 }, { 6, 8, 0 } };
        Assert.Equal([1, 0], Hungarian.MaximiseWeight(weight));
    }

    [Fact]
    public void MinimiseCost_RandomMatrices_MatchesBruteForce()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var rows = random.Next(1, 6);
            var cols = random.Next(1, 6);
            var cost = new double[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    cost[r, c] = random.Next(20);
                }
            }

            var assignment = Hungarian.MinimiseCost(cost);
            Assert.Equal(Math.Min(rows, cols), assignment.Count(a => a >= 0));
            Assert.Equal(assignment.Where(a => a >= 0).Count(), assignment.Where(a => a >= 0).Distinct().Count());
            Assert.Equal(BruteForce(cost), Total(cost, assignment));
        }
    }

    private static double Total(double[,] cost, int[] assignment) =>
        assignment.Select((c, r) => c >= 0 ? cost[r, c] : 0).Sum();

    private static double BruteForce(double[,] cost)
    {
        var rows = cost.GetLength(0);
        var cols = cost.GetLength(1);
        var best = double.PositiveInfinity;
        void Search(int r, bool[] used, double sum, int assigned)
        {
            if (r == rows)
            {
                if (assigned == Math.Min(rows, cols))
                {
                    best = Math.Min(best, sum);
                }

                return;
            }

            Search(r + 1, used, sum, assigned);
            for (var c = 0; c < cols; c++)
            {
                if (!used[c])
                {
                    used[c] = true;
                    Search(r + 1, used, sum + cost[r, c], assigned + 1);
                    used[c] = false;
                }
            }
        }

        Search(0, new bool[cols], 0, 0);
        return best;
    }
}
