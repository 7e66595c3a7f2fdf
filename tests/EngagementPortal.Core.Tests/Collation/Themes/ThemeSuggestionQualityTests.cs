using EngagementPortal.Core.Collation.Themes;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Collation.Themes;

/// <summary>
/// The measure on shared/testdata/themes: per-response F1 averaged over labelled responses, per
/// file, mean of seeds 1–5. Setting (b): 10% coded, target 0.75 and better than the plain k-NN vote;
/// setting (a): nothing coded, Hungarian-matched, target 0.4. Full figures: bench/README.md.
/// </summary>
public sealed class ThemeSuggestionQualityTests
{
    private static readonly int[] Seeds = [1, 2, 3, 4, 5];

    public static TheoryData<string> Files => new()
    {
        "iai-consult-synthetic-gambling.jsonl",
        "iai-themefinder-evals-synthetic-gambling.jsonl",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task TenPercentCoded_MeanOfFiveSeeds_AtLeastTargetAndAboveNearestNeighbourVote(string file)
    {
        var answers = await ThemeTestData.ReadAsync(Repository.TestData("themes/" + file));

        var score = Seeds.Average(seed => ThemeEvaluation.Score(ThemeEvaluation.Suggest(answers, 0.1, seed), matchThemes: false));
        var baseline = Seeds.Average(seed => ThemeEvaluation.Score(ThemeEvaluation.Suggest(answers, 0.1, seed, baseline: true), matchThemes: false));

        Assert.True(score >= 0.75, $"setting (b) F1 {score:F3} < 0.75");
        Assert.True(score > baseline + 0.05, $"setting (b) F1 {score:F3} not clearly above the k-NN vote's {baseline:F3}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task NothingCoded_MeanOfFiveSeeds_AtLeastTarget(string file)
    {
        var answers = await ThemeTestData.ReadAsync(Repository.TestData("themes/" + file));

        var score = Seeds.Average(seed => ThemeEvaluation.Score(ThemeEvaluation.Suggest(answers, null, seed), matchThemes: true));

        Assert.True(score >= 0.4, $"setting (a) F1 {score:F3} < 0.4");
    }

    [Fact]
    public async Task Suggest_SameSeedTwice_SameThemes()
    {
        var answers = (await ThemeTestData.ReadAsync(Repository.TestData("themes/iai-themefinder-evals-synthetic-gambling.jsonl"))).Take(300).ToList();

        var first = ThemeEvaluation.Suggest(answers, null, 3);
        var second = ThemeEvaluation.Suggest(answers, null, 3);

        Assert.Equal(first.Select(a => string.Join("|", a.Suggested)), second.Select(a => string.Join("|", a.Suggested)));
    }

    [Fact]
    public void Clustering_TwoClearTopics_LabelledByDistinctiveTermsWithClosestQuotes()
    {
        var texts = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            texts.Add($"Bus services to the hospital were cut and transport is now impossible, route {i}.");
            texts.Add($"Community nurses and carers are overstretched; recruit more nursing staff, team {i}.");
        }

        var clusters = ThemeClustering.Suggest(texts, 1, new ThemeClusteringSettings { Themes = 2 });

        Assert.Equal(2, clusters.Themes.Count);
        var transport = clusters.Themes.Single(t => t.Terms.Any(term => term.Contains("bus", StringComparison.Ordinal) || term.Contains("transport", StringComparison.Ordinal)));
        Assert.Equal(12, transport.Size);
        Assert.All(transport.ClosestAnswers, i => Assert.Equal(0, i % 2));
        Assert.All(Enumerable.Range(0, texts.Count), i => Assert.Equal(i % 2 == 0, clusters.Answers[i].Themes[0] == transport.Label));
    }
}
