using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Tests.Collation.Themes;

public sealed class ThemeAgreementTests
{
    private static (IReadOnlyCollection<string>, IReadOnlyCollection<string>) Pair(string[] labelled, string[] suggested) => (labelled, suggested);

    [Fact]
    public void SamplesF1_MixedAnswers_AveragesPerResponseOverLabelledOnes()
    {
        var score = ThemeAgreement.SamplesF1(
        [
            Pair(["A"], ["A"]), // 1
            Pair(["A", "B"], ["A"]), // 2·1/(2+1) = 2/3
            Pair(["A"], ["B"]), // 0
            Pair([], ["C"]), // no label: not counted
        ]);
        Assert.Equal((1 + (2.0 / 3)) / 3, score, 12);
    }

    [Fact]
    public void MatchedSamplesF1_ClusterNames_MatchedOneToOneByOverlap()
    {
        var score = ThemeAgreement.MatchedSamplesF1(
        [
            Pair(["Sport"], ["cluster 1"]),
            Pair(["Sport"], ["cluster 1"]),
            Pair(["Health"], ["cluster 2"]),
            Pair(["Health"], ["cluster 1"]),
            Pair(["Health"], ["cluster 3"]),
        ]);

        // cluster 1 → Sport (2 shared), cluster 2 → Health (1); cluster 3 has no partner left.
        Assert.Equal(3.0 / 5, score, 12);
    }

    [Theory]
    [InlineData("banning", "ban")]
    [InlineData("advertisements", "advertis")]
    [InlineData("advertising", "advertis")]
    [InlineData("companies", "company")]
    [InlineData("sports", "sport")]
    [InlineData("gambling", "gambl")]
    public void Stem_Inflections_MeetAtOneStem(string word, string stem) => Assert.Equal(stem, TextTokens.Stem(word));

    [Fact]
    public void TermsOf_Text_WordsAndTwoWordPhrasesWithoutStopWords()
    {
        Assert.Equal(["public", "health", "public health", "outcom", "health outcom"], TfIdf.TermsOf("The public health outcomes!"));
    }
}
