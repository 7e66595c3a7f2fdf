using EngagementPortal.Core.Collation;

namespace EngagementPortal.Core.Tests.Collation;

public sealed class RespondentProfileTests
{
    private static Breakdown Age(params EqualityCount[] counts) =>
        RespondentProfile.Breakdowns(counts, suppressBelow: 5).Single(b => b.Dimension == RespondentProfile.AgeBand);

    [Fact]
    public void Breakdowns_NoEqualityAnswers_Nothing()
    {
        Assert.Empty(RespondentProfile.Breakdowns([], 5));
    }

    [Fact]
    public void Breakdowns_GroupsInTheFormsOrderThenOthersThenNotGiven_WithCounts()
    {
        var age = Age(new(RespondentProfile.AgeBand, "65 to 74", 8), new(RespondentProfile.AgeBand, "18 to 24", 20), new(RespondentProfile.AgeBand, null, 7), new(RespondentProfile.AgeBand, "Ninety", 6));

        Assert.Equal(["Under 18", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", "75 or over", "Prefer not to say", "Ninety", "Not given"], age.Groups.Select(g => g.Group));
        Assert.Equal(20, age.Groups[1].Respondents);
        Assert.Equal(8, age.Groups[6].Respondents);
        Assert.Equal(7, age.Groups[^1].Respondents);
        Assert.Equal(0, age.Groups[0].Respondents);
        Assert.All(age.Groups, g => Assert.False(g.Suppressed));
        Assert.All(age.Groups, g => Assert.Empty(g.ByQuestion));
    }

    [Fact]
    public void Breakdowns_OneGroupUnderFive_HiddenWithTheNextSmallestSoTheTotalCannotRevealIt()
    {
        var age = Age(new(RespondentProfile.AgeBand, "75 or over", 4), new(RespondentProfile.AgeBand, "25 to 34", 30), new(RespondentProfile.AgeBand, "45 to 54", 9));

        var hidden = age.Groups.Where(g => g.Suppressed).Select(g => g.Group).ToList();
        Assert.Equal(["45 to 54", "75 or over"], hidden);
        Assert.All(age.Groups.Where(g => g.Suppressed), g => Assert.Null(g.Respondents));
        Assert.Equal(30, age.Groups.Single(g => g.Group == "25 to 34").Respondents);
    }

    [Fact]
    public void Breakdowns_TwoGroupsUnderFive_BothHiddenAndNoMore()
    {
        var age = Age(new(RespondentProfile.AgeBand, "Under 18", 1), new(RespondentProfile.AgeBand, "18 to 24", 4), new(RespondentProfile.AgeBand, "25 to 34", 5));

        Assert.Equal(["Under 18", "18 to 24"], age.Groups.Where(g => g.Suppressed).Select(g => g.Group));
        Assert.Equal(5, age.Groups.Single(g => g.Group == "25 to 34").Respondents);
    }

    [Fact]
    public async Task AddTo_Profile_AppendedAfterTheCollatorsBreakdownsAndHashCoversIt()
    {
        var snapshot = (await new Collator(TimeProvider.System).CollateAsync(CollationFixtures.Definition(), new CollationOptions(), [CollationFixtures.Response("r1", q1: "Agree")])).Snapshot;
        var profile = RespondentProfile.Breakdowns([new(RespondentProfile.Sex, "Female", 6)], 5);

        var withProfile = RespondentProfile.AddTo(snapshot, profile);

        Assert.Equal([.. snapshot.Content.Breakdowns.Select(b => b.Dimension), RespondentProfile.AgeBand, RespondentProfile.Sex, RespondentProfile.Disability, RespondentProfile.Ethnicity], withProfile.Content.Breakdowns.Select(b => b.Dimension));
        Assert.NotEqual(snapshot.ContentHash, withProfile.ContentHash);
        Assert.Equal(Collator.Hash(withProfile.Content), withProfile.ContentHash);
        Assert.Same(snapshot, RespondentProfile.AddTo(snapshot, []));
    }
}
