using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.PartnershipResponses;

public sealed class CitationsTests
{
    private static readonly DateTimeOffset At = new(2020, 12, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<Question> Questions =
    [
        new Question { Key = "q1", Number = 1, Text = "Do you agree?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain" },
        new Question { Key = "q2", Number = 2, Text = "What else?", Type = QuestionType.FreeText },
    ];

    private static async Task<CollationSnapshot> Snapshot() =>
        await PartnershipFixtures.CollateAsync("integrating-care", Questions, PartnershipFixtures.Responses(Questions, At), At);

    [Fact]
    public void Parse_ThreeKinds_FoundWithTargets()
    {
        var citations = Citations.Parse("Most agreed [[tally:Q1]], citing [[theme: Local accountability ]] and [[partner:Hull City Council]].");

        Assert.Equal([("tally", "Q1"), ("theme", "Local accountability"), ("partner", "Hull City Council")], citations.Select(c => (c.Kind, c.Target)));
    }

    [Fact]
    public async Task Check_CitationsPresentInSnapshot_NoErrorsNoWarnings()
    {
        var snapshot = await Snapshot();
        var q1 = snapshot.Content.Questions[0];

        var check = Citations.Check("Most agreed [[tally:Q1]].\n\nPeople stressed [[theme:local accountability]]; [[partner:Hull City Council]] disagreed.", q1, snapshot.Content);

        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Empty(check.Warnings);
    }

    [Fact]
    public async Task Check_AbsentThemePartnerAndTally_SpecificErrors()
    {
        var snapshot = await Snapshot();
        var q1 = snapshot.Content.Questions[0];

        var check = Citations.Check("[[theme:Workforce]] [[partner:York Council]] [[tally:Q9]] [[tally:Q2]] [[opinion:x]] [[theme:]]", q1, snapshot.Content);

        Assert.Equal(
        [
            "Question 1: [[theme:Workforce]] cites a theme that is not in this question's evidence in the chosen snapshot (its coded themes are Local accountability)",
            "Question 1: [[partner:York Council]] cites a partner organisation that has no submission in the chosen snapshot",
            "Question 1: [[tally:Q9]] cites a tally that is not in the chosen snapshot: write the number of a question with choices, such as [[tally:Q1]]",
            "Question 1: [[tally:Q2]] cites a tally that is not in the chosen snapshot: write the number of a question with choices, such as [[tally:Q1]]",
            "Question 1: [[opinion:x]] is not a kind of evidence: cite [[theme:…]], [[partner:…]] or [[tally:Q…]]",
            "Question 1: [[theme:]] names nothing: write what it cites after the colon, such as [[theme:Workforce]]",
        ], check.Errors);
    }

    [Fact]
    public async Task Check_ParagraphWithoutCitation_FlaggedNotAnError()
    {
        var snapshot = await Snapshot();

        var check = Citations.Check("# Our view\n\nMost agreed [[tally:Q1]].\n\nWe think this is the right direction overall.", snapshot.Content.Questions[0], snapshot.Content);

        Assert.True(check.IsValid);
        Assert.Equal(["Question 1, paragraph 2 cites no evidence: \u201CWe think this is the right direction overall.\u201D"], check.Warnings);
    }

    [Fact]
    public async Task Number_RepeatedCitation_ReusesItsNumberAndDescribesTheEvidence()
    {
        var snapshot = await Snapshot();

        var (markdown, references) = Citations.Number("A [[tally:Q1]] B [[partner:hull city council]] C [[tally:q1]]", snapshot.Content.Questions[0], snapshot.Content);

        Assert.Equal("A \\[1\\] B \\[2\\] C \\[1\\]", markdown);
        Assert.Equal("Question 1 tally, all respondents: Agree 4 (57.1%); Disagree 2 (28.6%); Strongly disagree 1 (14.3%)", references[0].Text);
        Assert.Equal("Hull City Council (Signed off by the Health and Wellbeing Board): Q1 Strongly disagree", references[1].Text);
    }
}
