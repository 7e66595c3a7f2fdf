using EngagementPortal.Core.Collation;

namespace EngagementPortal.Core.Tests.Collation;

/// <summary>
/// The near-duplicate index kept between runs (docs/adr/0142): grouping from the previous run's index plus what
/// changed must equal grouping everything afresh, in particular when a new answer with a smaller response id
/// joins a large bucket (so its anchors change), an anchor leaves, or an exact copy with a smaller id becomes
/// the one that enters the bands.
/// </summary>
public sealed class NearDuplicateIndexTests
{
    private const string Campaign =
        "Keep the minor injuries unit at our community hospital open every night of the week because the nearest " +
        "alternative is forty minutes away by car and much longer by bus for older residents and families without " +
        "a car who depend on it when their children are hurt late in the evening or at weekends across the town.";

    private static readonly string[] Words = ["care", "nurses", "funding", "transport", "beds", "waiting", "carers", "council", "board", "pharmacy", "dementia", "respite"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Group_AfterRandomAddsRemovalsAndChanges_SameAsFullGrouping(int seed)
    {
        var random = new Random(seed);
        var rows = new SortedDictionary<string, AnswerContribution>(StringComparer.Ordinal);
        for (var i = 0; i < 150; i++)
        {
            rows[NewId(random)] = Answer(Text(random));
        }

        var (firstGroups, index) = Group(rows, previous: null);
        Assert.True(firstGroups.Distinct().Count() < rows.Count - 20, "the fixture must hold near-copies");

        for (var step = 0; step < 6; step++)
        {
            var ids = rows.Keys.ToList();

            // New answers (some sort before every existing id, so they become a bucket's first members), removals
            // (anchors included), changed texts, and exact copies of the first campaign answer under smaller ids.
            for (var k = 0; k < 12; k++)
            {
                rows[(k % 3 == 0 ? "a" : "") + NewId(random)] = Answer(Text(random));
            }

            foreach (var id in ids.Take(3).Concat(ids.OrderBy(_ => random.Next()).Take(8)))
            {
                rows.Remove(id);
            }

            foreach (var id in rows.Keys.OrderBy(_ => random.Next()).Take(6).ToList())
            {
                rows[id] = Answer(Text(random));
            }

            var firstCampaign = rows.First(p => p.Value.Quote![0] == 'K');
            rows["0" + NewId(random)] = Answer(System.Text.Encoding.UTF8.GetString(firstCampaign.Value.Quote!));

            var (incremental, next) = Group(rows, index);
            var (full, _) = Group(rows, previous: null);

            Assert.Equal(full, incremental);
            index = next;
        }
    }

    [Fact]
    public void Group_OneNewAnswer_ComparesOnlyTheBucketsItTouches()
    {
        // 20 unrelated texts with 10 near-copies each: 20 groups, each in its own buckets of every band.
        var random = new Random(9);
        var rows = new SortedDictionary<string, AnswerContribution>(StringComparer.Ordinal);
        var bases = Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, 120).Select(_ => Words[random.Next(Words.Length)] + random.Next(50)).ToArray()).ToList();
        foreach (var words in bases)
        {
            for (var copy = 0; copy < 10; copy++)
            {
                var variant = (string[])words.Clone();
                variant[random.Next(variant.Length)] = "changed";
                rows[NewId(random)] = Answer(string.Join(' ', variant));
            }
        }

        var (before, index) = Group(rows, previous: null);
        rows["a" + NewId(random)] = Answer(string.Join(' ', bases[3]));
        var (incremental, next) = Group(rows, index);
        var (full, fresh) = Group(rows, previous: null);

        Assert.Equal(20, before.Distinct().Count());
        Assert.Equal(full, incremental);
        Assert.Equal(20, full.Distinct().Count());
        Assert.InRange(next.ComparedBuckets, 1, NearDuplicates.Banding(0.8).Bands);
        Assert.True(fresh.ComparedBuckets > 10 * next.ComparedBuckets, $"{fresh.ComparedBuckets} buckets compared in a full run, {next.ComparedBuckets} after one new answer");
    }

    [Fact]
    public void Group_NewVariantsAfterTheAnchorsOfALargeBucket_SameAsFullGrouping()
    {
        // One campaign of 40 near-copies (one large bucket per band), then variants with larger response ids (the
        // bucket keeps its anchors and is extended) and one with a smaller id (the anchors change: compared whole).
        var random = new Random(11);
        var rows = new SortedDictionary<string, AnswerContribution>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            rows["m" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)] = Answer(Variant(random));
        }

        var (_, index) = Group(rows, previous: null);
        for (var i = 0; i < 5; i++)
        {
            rows["z" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)] = Answer(Variant(random));
        }

        rows.Remove("m020");
        var (extended, next) = Group(rows, index);
        Assert.Equal(Group(rows, previous: null).Groups, extended);

        rows["a000"] = Answer(Variant(random));
        var (rebuilt, _) = Group(rows, next);
        Assert.Equal(Group(rows, previous: null).Groups, rebuilt);
        Assert.True(rebuilt.Distinct().Count() < 10, "the variants must be grouped");
    }

    [Fact]
    public void Group_NothingChanged_ComparesNothingAndSameGroups()
    {
        var random = new Random(4);
        var rows = new SortedDictionary<string, AnswerContribution>(StringComparer.Ordinal);
        for (var i = 0; i < 100; i++)
        {
            rows[NewId(random)] = Answer(Text(random));
        }

        var (first, index) = Group(rows, previous: null);
        var (again, next) = Group(rows, index);

        Assert.Equal(first, again);
        Assert.Equal(0, next.ComparedBuckets);
    }

    private static (int[] Groups, NearDuplicateIndex Index) Group(SortedDictionary<string, AnswerContribution> rows, NearDuplicateIndex? previous)
    {
        var (groups, index) = NearDuplicateIndex.Group([.. rows.Keys], [.. rows.Values], 0.8, previous);
        return (groups, index);
    }

    private static string NewId(Random random) => "r" + random.Next(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static string Variant(Random random)
    {
        var words = Campaign.Split(' ');
        words[random.Next(words.Length)] = Words[random.Next(Words.Length)];
        return string.Join(' ', words);
    }

    /// <summary>Mostly campaign variants (one word changed, or a sentence added: near-copies), some exact copies, some unrelated texts.</summary>
    private static string Text(Random random)
    {
        var words = Campaign.Split(' ');
        switch (random.Next(5))
        {
            case 0:
                return Campaign;
            case 1:
            case 2:
                words[random.Next(words.Length)] = Words[random.Next(Words.Length)];
                return string.Join(' ', words);
            case 3:
                return Campaign + " " + string.Join(' ', Enumerable.Range(0, 3).Select(_ => Words[random.Next(Words.Length)]));
            default:
                return string.Join(' ', Enumerable.Range(0, 30).Select(_ => Words[random.Next(Words.Length)]));
        }
    }

    private static AnswerContribution Answer(string text)
    {
        var signature = NearDuplicates.Signature(text);
        return new AnswerContribution(0, [], [], signature, 0, NearDuplicates.SignatureHash(signature), System.Text.Encoding.UTF8.GetBytes(text), []);
    }
}
