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

        var (_, problems) = PartnerSubmissions.Validate(version, new DraftInput(new Dictionary<string, IReadOnlyList<string>> { ["q-q1"] = ["Maybe"] }, null, null));

        Assert.Equal("q-q1", Assert.Single(problems).Field);
    }

    [Fact]
    public void FieldsOf_ASavedDraft_GivesBackTheFieldsThatProducedIt()
    {
        var multiple = new Question { Key = "mc", Number = 1, Text = "Which?", Type = QuestionType.MultipleChoice, Options = ["GP", "Other, please specify"], FollowUpLabel = "Why?" };
        var free = new Question { Key = "ft", Number = 2, Text = "Anything else?", Type = QuestionType.FreeText };
        var version = new ConsultationVersion { Title = "t", Summary = "s", Body = "b", ContentHash = "h", Questions = [multiple, free] };
        var posted = new Dictionary<string, IReadOnlyList<string>>
        {
            ["q-mc"] = ["Other, please specify", "GP"],
            ["q-mc-other"] = ["Pharmacy"],
            ["q-mc-explain"] = ["Nearer home"],
            ["q-ft"] = ["Nothing"],
        };

        var (answers, problems) = PartnerSubmissions.Validate(version, new DraftInput(posted, null, null));
        var submission = new PartnerSubmission { Answers = [.. answers.Where(a => !a.Value.IsEmpty).Select(a => new PartnerAnswer(a.Key, a.Value.Choice, a.Value.Text) { Choices = a.Value.Choices })] };
        var fields = PartnerSubmissions.FieldsOf(version, submission);

        Assert.Empty(problems);
        Assert.Equal(["GP", "Other, please specify"], fields["q-mc"]);
        Assert.Equal(["Pharmacy"], fields["q-mc-other"]);
        Assert.Equal(["Nearer home"], fields["q-mc-explain"]);
        Assert.Equal(["Nothing"], fields["q-ft"]);
    }

    [Fact]
    public void ValidateDraft_RequiredQuestionLeftEmpty_IsNoProblemInADraft()
    {
        var version = new ConsultationVersion { Title = "t", Summary = "s", Body = "b", ContentHash = "h", Questions = [new Question { Key = "yn", Number = 1, Text = "Yes?", Type = QuestionType.YesNo, Required = true }] };

        var (_, problems) = PartnerSubmissions.Validate(version, new DraftInput(new Dictionary<string, IReadOnlyList<string>>(), null, null));

        Assert.Empty(problems);
    }
}
