using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Tests.Collation.Themes;

public sealed class TfIdfTests
{
    private static readonly string[] TermOf = ["care", "public health", "waiting", "transport", "nurses", "beds", "funding", "care home"];

    [Fact]
    public void TransformAll_TermsInTermOrderOrNot_SameVectorsWithAscendingPositions()
    {
        // Collation keeps an answer's terms in term order so no sort is needed; any other order (as two terms with
        // tied order keys would leave) must still give the same vector.
        int[][] documents = [[0, 1, 2, 3], [1, 4, 5], [0, 5, 6, 7], [2, 3, 7]];
        var (model, idToIndex) = TfIdf.FitIds(Bags(documents), TermOf);
        var inTermOrder = documents.Select(d => d.OrderBy(id => TermInterner.Order(TermOf[id])).ToArray()).ToList();
        var reversed = inTermOrder.Select(d => d.Reverse().ToArray()).ToList();

        var ordered = model.TransformAll(inTermOrder.Select(d => TermBag.Pack(d, d.Select(id => (ushort)(id + 1)).ToArray())).ToList(), idToIndex);
        var unordered = model.TransformAll(reversed.Select(d => TermBag.Pack(d, d.Select(id => (ushort)(id + 1)).ToArray())).ToList(), idToIndex);

        for (var i = 0; i < documents.Length; i++)
        {
            Assert.True(ordered[i].Indices.ToArray().SequenceEqual(ordered[i].Indices.ToArray().Order()));
            Assert.Equal(ordered[i].Indices.ToArray(), unordered[i].Indices.ToArray());
            Assert.Equal(ordered[i].Values.ToArray(), unordered[i].Values.ToArray());
        }
    }

    [Fact]
    public void FitIds_AnyIdNumbering_SameTermsInTermOrder()
    {
        // Interned ids follow arrival; the model's numbering must follow the text alone.
        int[][] documents = [[0, 1, 2], [1, 2, 3], [3, 4, 5, 6, 7], [0, 7]];
        var permutation = new[] { 5, 2, 7, 0, 6, 1, 3, 4 };
        var renamed = new string[TermOf.Length];
        for (var id = 0; id < TermOf.Length; id++)
        {
            renamed[permutation[id]] = TermOf[id];
        }

        var (model, _) = TfIdf.FitIds(Bags(documents), TermOf);
        var (other, _) = TfIdf.FitIds(Bags(documents.Select(d => d.Select(id => permutation[id]).ToArray())), renamed);

        Assert.Equal(model.Terms, other.Terms);
        Assert.Equal(model.Idf, other.Idf);
        Assert.Equal(model.Terms.OrderBy(t => TermInterner.Order(t)), model.Terms);
    }

    private static List<byte[]> Bags(IEnumerable<int[]> documents) =>
        documents.Select(d => TermBag.Pack(d, Enumerable.Repeat((ushort)1, d.Length).ToArray())).ToList();
}
