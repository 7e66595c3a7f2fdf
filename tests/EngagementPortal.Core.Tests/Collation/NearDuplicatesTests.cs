using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Collation.Themes;
using EngagementPortal.TestCommon;
using static EngagementPortal.Core.Tests.Collation.CollationFixtures;

namespace EngagementPortal.Core.Tests.Collation;

public sealed class NearDuplicatesTests
{
    private static readonly Lazy<List<LabelledAnswer>> Consult = new(() =>
        ThemeTestData.ReadAsync(Repository.TestData("themes/iai-consult-synthetic-gambling.jsonl")).GetAwaiter().GetResult());

    [Fact]
    public void Group_PlantedCopiesInTestData_GroupedAndParaphrasesNot()
    {
        var answers = Consult.Value.Where(a => a.ResponseId.StartsWith("q3-", StringComparison.Ordinal)).ToList();
        var original = answers.Single(a => a.ResponseId == "q3-1");

        // Planted campaign copies: exact, re-cased with extra punctuation, and with a sentence of one's own added.
        var texts = answers.Select(a => a.Text).ToList();
        texts.Add(original.Text);
        texts.Add(original.Text.ToUpperInvariant().Replace(".", "!!", StringComparison.Ordinal));
        texts.Add(original.Text + " I agree.");
        var signatures = texts.Select(NearDuplicates.Signature).ToList();

        var groups = NearDuplicates.Group(signatures, 0.8);

        var originalIndex = answers.FindIndex(a => a.ResponseId == "q3-1");
        Assert.Equal(groups[originalIndex], groups[texts.Count - 1]);
        Assert.Equal(groups[originalIndex], groups[texts.Count - 2]);
        Assert.Equal(groups[originalIndex], groups[texts.Count - 3]);

        // The "-2" answers are paraphrases of their originals, not copies: they stay apart.
        foreach (var paraphrase in answers.Where(a => a.ResponseId.EndsWith("-2", StringComparison.Ordinal) && a.ResponseId.Count(c => c == '-') == 2))
        {
            var source = answers.FindIndex(a => a.ResponseId == paraphrase.ResponseId[..^2]);
            Assert.NotEqual(groups[source], groups[answers.IndexOf(paraphrase)]);
        }

        // Besides the planted copies, the only group is one the data already holds: q3-40-2 and q3-42-2 to
        // q3-49-2 are nine identical answers (word 3-shingle Jaccard 1.0). Nothing else joined.
        var identical = answers.Select((a, i) => (a, i)).Where(x => x.a.Text == answers.Single(a => a.ResponseId == "q3-40-2").Text).Select(x => groups[x.i]).ToList();
        Assert.Equal(9, identical.Count);
        Assert.Single(identical.Distinct());
        Assert.Equal(texts.Count - 3 - 8, groups.Distinct().Count());
    }

    [Fact]
    public void EstimatedSimilarity_OneWordChangedInLongAnswer_High()
    {
        var text = Consult.Value.First(a => a.Text.Length > 300).Text;
        var words = text.Split(' ');
        words[words.Length / 2] = "zebra";
        var similarity = NearDuplicates.EstimatedSimilarity(NearDuplicates.Signature(text), NearDuplicates.Signature(string.Join(' ', words)));
        Assert.InRange(similarity, 0.7, 1.0);
    }

    [Fact]
    public void Signature_SixteenLanesAtATime_SameMinimaAsOneHashAtATime()
    {
        // Every answer of the test data, and word counts around the shingle length (none, fewer than three, exactly three).
        var texts = Consult.Value.Select(a => a.Text).Concat(["", "one", "one two", "one two three", "One, two; three! Four."]).ToList();
        foreach (var text in texts)
        {
            var words = NearDuplicates.WordHashes(text);
            Assert.Equal(NearDuplicates.SignatureScalar(words), NearDuplicates.SignatureVector512(words));
        }

        // Hashes at the edges of the 64-bit range, where a lane's carry or shift would show.
        var random = new Random(7);
        for (var k = 0; k < 200; k++)
        {
            var words = Enumerable.Range(0, random.Next(1, 40)).Select(_ => k % 2 == 0 ? (ulong)random.NextInt64() << 1 | 1 : ulong.MaxValue - (ulong)random.Next(3)).ToList();
            Assert.Equal(NearDuplicates.SignatureScalar(words), NearDuplicates.SignatureVector512(words));
        }
    }

    [Theory]
    [InlineData(0.8, 12, 4)]
    [InlineData(0.9, 8, 6)]
    [InlineData(0.5, 24, 2)]
    public void Banding_Threshold_BandsTimesRowsIsSignature(double threshold, int bands, int rows)
    {
        Assert.Equal((bands, rows), NearDuplicates.Banding(threshold));
        Assert.Equal(NearDuplicates.SignatureLength, bands * rows);
    }

    [Fact]
    public async Task Campaigns_RawDistinctTextsAndRespondents_SideBySide()
    {
        const string campaign = "Keep Bridlington hospital's minor injuries unit open every night of the week, our town depends on it.";
        var responses = new List<CollationAnswerSet>();
        for (var i = 0; i < 9; i++)
        {
            // 9 submissions, 3 wordings, from 6 people (three submitted twice).
            var text = (i % 3) switch
            {
                0 => campaign,
                1 => campaign.ToUpperInvariant(),
                _ => campaign + " Thank you.",
            };
            responses.Add(Response($"c{i}", q3: text, moderation: i < 4 ? ModerationState.Campaign : ModerationState.None, respondentKey: $"person-{i % 6}", consent: i == 0 ? PublishingConsent.DoNotPublish : PublishingConsent.PublishAnonymously));
        }

        responses.Add(Response("other", q3: "Community transport needs funding from the integrated care board."));
        var options = Options();
        options.CampaignMinimumSubmissions = 5;

        var run = await new Collator(new FakeTimeProvider()).CollateAsync(Definition(), options, responses);

        var group = Assert.Single(run.Snapshot.Content.Questions[2].Campaigns);
        Assert.Equal((9, 2, 6, 4), (group.RawSubmissions, group.DistinctTexts, group.DistinctRespondents, group.MarkedCampaign));
        Assert.Equal(campaign.ToUpperInvariant(), group.ExampleText);
        Assert.Contains("Of 10 free-text answers, 9 (90.0%) fell into 1 such groups", run.Snapshot.Content.MethodStatement, StringComparison.Ordinal);
        Assert.Contains("at least 0.80", run.Snapshot.Content.MethodStatement, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_NearDuplicateThresholdOutOfRange_FailsValidation()
    {
        var options = new CollationOptions { NearDuplicateThreshold = 1.5 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(CollationOptions.NearDuplicateThreshold)));
    }
}
