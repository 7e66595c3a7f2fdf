using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Tests.Collation.Themes;

public sealed class TermBagTests
{
    [Fact]
    public void Pack_IdsAndCountsOfEverySize_ReadBackInOrder()
    {
        int[] ids = [5, 0, 63, 64, 127, 128, 16_383, 16_384, 1_000_000, int.MaxValue];
        ushort[] counts = [1, 2, 1, 127, 128, 1, ushort.MaxValue, 3, 1, 9];

        var bag = TermBag.Pack(ids, counts);

        var read = new List<(int, int)>();
        var reader = TermBag.Read(bag);
        while (reader.Next(out var id, out var count))
        {
            read.Add((id, count));
        }

        Assert.Equal(ids.Zip(counts, (id, count) => (id, (int)count)), read);
    }

    [Fact]
    public void Pack_SmallIdsCountedOnce_OneByteATerm()
    {
        // What keeps collation's state small: most of an answer's terms are frequent (small ids) and occur once.
        var bag = TermBag.Pack([3, 1, 60, 7], [1, 1, 1, 1]);

        Assert.Equal(4, bag.Length);
    }

    [Fact]
    public void Pack_Nothing_EmptyBag()
    {
        var bag = TermBag.Pack([], []);

        Assert.Empty(bag);
        Assert.False(TermBag.Read(bag).Next(out _, out _));
    }

    [Fact]
    public void TermFeatures_OneSortOfSmallIds_SameBagAsDistinctIdsFirst()
    {
        // Random answers' term occurrences (repeats included, and order keys that agree above the low 20 bits, where
        // the id breaks the tie): the one-sort path for ids under 2^20 must give the bag the general path gives.
        var random = new Random(11);
        for (var answer = 0; answer < 500; answer++)
        {
            var n = random.Next(1, 120);
            var vocabulary = Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(0, 1 << 20)).ToArray();
            var orderOf = vocabulary.Distinct().ToDictionary(id => id, _ => answer % 3 == 0 ? (ulong)random.Next(4) << 40 : (ulong)random.NextInt64());
            var ids = Enumerable.Range(0, n).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();
            var orders = ids.Select(id => orderOf[id]).ToArray();

            var small = CollationState.TermFeaturesOfSmallIds(new CollationState.TermScratch(), ids.ToArray(), orders.ToArray());
            var general = CollationState.TermFeaturesOfLargeIds(new CollationState.TermScratch(), ids.ToArray(), orders.ToArray());

            Assert.Equal(general, small);
        }
    }
}
