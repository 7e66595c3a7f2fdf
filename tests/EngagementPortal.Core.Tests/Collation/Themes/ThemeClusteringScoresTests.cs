using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Tests.Collation.Themes;

public sealed class ThemeClusteringScoresTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(13)]
    public void AllSimilarities_AnyNumberOfCentres_SameBitsAsPlainSumInTermOrder(int centres)
    {
        var random = new Random(centres);
        const int dimension = 200;
        var layout = new double[dimension * centres];
        for (var i = 0; i < layout.Length; i++)
        {
            layout[i] = random.NextDouble() - 0.2;
        }

        for (var trial = 0; trial < 50; trial++)
        {
            var indices = Enumerable.Range(0, dimension).Where(_ => random.Next(4) == 0).ToArray();
            var values = indices.Select(_ => random.NextDouble()).ToArray();
            var vector = new SparseVector(indices, values);
            var scores = new double[centres];

            ThemeClustering.AllSimilarities(vector, layout, scores);

            for (var c = 0; c < centres; c++)
            {
                double expected = 0;
                for (var j = 0; j < indices.Length; j++)
                {
                    expected += values[j] * layout[(indices[j] * centres) + c];
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(scores[c]));
            }
        }
    }
}
