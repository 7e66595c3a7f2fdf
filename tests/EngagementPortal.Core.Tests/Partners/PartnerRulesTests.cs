using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Partners;

namespace EngagementPortal.Core.Tests.Partners;

public sealed class PartnerRulesTests
{
    [Fact]
    public void ParseDistricts_MixedSeparatorsAndCase_UpperCaseOnceEachInOrder()
    {
        var parsed = PartnerRegister.ParseDistricts("hu17, HU1\nyo1;YO1  ec1a");

        Assert.Equal(["HU17", "HU1", "YO1", "EC1A"], parsed.Districts);
        Assert.Empty(parsed.Invalid);
    }

    [Theory]
    [InlineData("HU17 8AB")]
    [InlineData("17HU")]
    [InlineData("HUL17")]
    public void ParseDistricts_NotAnOutwardCode_IsNamedAsInvalid(string typed)
    {
        var parsed = PartnerRegister.ParseDistricts(typed);

        Assert.NotEmpty(parsed.Invalid);
    }

    [Fact]
    public void KeyQuote_FirstParagraphOnly()
    {
        Assert.Equal("We support option 2.", PartnerSubmissionDetails.KeyQuote("We support option 2.\n\nBecause of the reasons below."));
    }

    [Fact]
    public void KeyQuote_LongParagraph_CutAtAWordWithAnEllipsis()
    {
        var quote = PartnerSubmissionDetails.KeyQuote(string.Join(' ', Enumerable.Repeat("collaboration", 60)))!;

        Assert.True(quote.Length <= 401);
        Assert.EndsWith("collaboration…", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void Governance_ApprovedByBoard_SaysOnWhichDay()
    {
        Assert.Equal("Approved by the board on 7 January 2021", PartnerSubmission.DescribeGovernance(GovernanceStatus.ApprovedByBoard, new DateOnly(2021, 1, 7)));
        Assert.Equal("Officer view, not yet ratified", PartnerSubmission.DescribeGovernance(GovernanceStatus.OfficerViewNotRatified, null));
    }

    [Fact]
    public void ValidateDraft_ChoiceNotAmongTheOptions_IsAProblemOnThatQuestion()
    {
        var version = new ConsultationVersion
        {
            Title = "t",
            Summary = "s",
            Body = "b",
            ContentHash = "h",
            Questions = [new Question { Key = "q1", Number = 1, Text = "Do you agree?", Type = QuestionType.AgreeDisagree }],
        };

        var problems = PartnerSubmissions.Validate(version, new DraftInput(new Dictionary<string, IReadOnlyList<string>> { ["q1"] = ["Maybe"] }, new Dictionary<string, string?>(), null, null));

        Assert.Equal("Choice-q1", Assert.Single(problems).Field);
    }
}
