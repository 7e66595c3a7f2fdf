using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class ResponseRulesTests
{
    private static Func<string, IReadOnlyList<string>> Form(params (string Name, string Value)[] values) =>
        name => [.. values.Where(v => v.Name == name).Select(v => v.Value)];

    private static QuestionPage Page(params Question[] questions) => new(1, null, questions);

    [Fact]
    public void AboutYou_NothingChosen_AsksWhoIsResponding()
    {
        var result = ResponseRules.ValidateAboutYou(new(null, null, null, null, null));

        Assert.Equal([new FieldError("RespondentType", "Select whether you are responding as an individual or on behalf of an organisation")], result.Errors);
    }

    [Fact]
    public void AboutYou_OrganisationWithoutNameOrRole_AsksForBoth()
    {
        var result = ResponseRules.ValidateAboutYou(new("Organisation", " ", null, null, null));

        Assert.Equal(["OrganisationName", "Role"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AboutYou_IndividualWithOrganisationTyped_DropsTheOrganisation()
    {
        var result = ResponseRules.ValidateAboutYou(new("Individual", "Acme", "Boss", null, null));

        Assert.True(result.IsValid);
        Assert.Null(result.Value.OrganisationName);
    }

    [Theory]
    [InlineData("yo1", "YO1")]
    [InlineData("HU17", "HU17")]
    [InlineData("sw1a", "SW1A")]
    [InlineData("YO1 7HH", "YO1")]
    [InlineData("b979pt", "B97")]
    public void PostcodeDistrict_DistrictOrFullPostcode_KeepsOnlyTheDistrict(string typed, string district)
    {
        Assert.Equal(district, ResponseRules.PostcodeDistrict(typed, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("York")]
    [InlineData("12345")]
    [InlineData("YO1 7HHX")]
    public void PostcodeDistrict_NotAPostcode_SaysWhatToEnter(string typed)
    {
        Assert.Null(ResponseRules.PostcodeDistrict(typed, out var error));
        Assert.Equal("Enter the first part of a postcode, like YO1 or HU17", error);
    }

    [Theory]
    [InlineData("name@example")]
    [InlineData("name example.com")]
    [InlineData("@example.com")]
    public void Email_BadShape_SaysTheFormat(string typed)
    {
        Assert.Null(ResponseRules.Email(typed, false, out var error));
        Assert.Equal("Enter an email address in the correct format, like name@example.com", error);
    }

    [Fact]
    public void Page_AgreeDisagreeWithExplanation_KeepsBoth()
    {
        var question = new Question { Key = "q1", Number = 1, Text = "Agree?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain" };

        var result = ResponseRules.ValidatePage(Page(question), Form(("q-q1", "Disagree"), ("q-q1-explain", "  Because\r\nreasons  ")));

        Assert.True(result.IsValid);
        Assert.Equal("Disagree", result.Value["q1"].Choice);
        Assert.Equal("Because\nreasons", result.Value["q1-explain"].Text);
    }

    [Fact]
    public void Page_QuestionInItsSecondMeaning_AnswersKeyedByTheRevisionsAnswerKey()
    {
        var question = new Question { Key = "q1", Number = 1, Text = "Agree?", Type = QuestionType.YesNo, FollowUpLabel = "Please explain", Revision = 2 };

        var result = ResponseRules.ValidatePage(Page(question), Form(("q-q1", "Yes"), ("q-q1-explain", "Because")));

        Assert.Equal(["q1-explain@2", "q1@2"], result.Value.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Yes", result.Value["q1@2"].Choice);
    }

    [Fact]
    public void Page_ChoiceNotOffered_IsRejected()
    {
        var question = new Question { Key = "q1", Number = 3, Text = "Agree?", Type = QuestionType.AgreeDisagree };

        var result = ResponseRules.ValidatePage(Page(question), Form(("q-q1", "Maybe")));

        Assert.Equal([new FieldError("q-q1", "Select one of the answers listed for question 3")], result.Errors);
    }

    [Fact]
    public void Page_RequiredQuestionsUnanswered_SayWhatEachNeeds()
    {
        var page = Page(
            new Question { Key = "a", Number = 1, Text = "A", Type = QuestionType.YesNo, Required = true },
            new Question { Key = "b", Number = 2, Text = "B", Type = QuestionType.MultipleChoice, Options = ["X", "Y"], Required = true },
            new Question { Key = "c", Number = 3, Text = "C", Type = QuestionType.FreeText, Required = true });

        var result = ResponseRules.ValidatePage(page, Form());

        Assert.Equal(
            ["Select yes or no for question 1", "Select at least one answer to question 2", "Enter your answer to question 3"],
            result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Page_FreeTextOverTheLimit_SaysTheLimitAndKeepsTheText()
    {
        var question = new Question { Key = "f", Number = 2, Text = "Tell us", Type = QuestionType.FreeText };
        var text = new string('a', 10_001);

        var result = ResponseRules.ValidatePage(Page(question), Form(("q-f", text)));

        Assert.Equal([new FieldError("q-f", "Your answer to question 2 must be 10,000 characters or fewer (it is 10,001)")], result.Errors);
        Assert.Equal(text, result.Value["f"].Text);
    }

    [Fact]
    public void Page_OtherTickedWithoutText_AsksWhatOtherMeans()
    {
        var question = new Question { Key = "m", Number = 4, Text = "Which?", Type = QuestionType.MultipleChoice, Options = ["GP", "Pharmacy", "Other, please specify"] };

        var result = ResponseRules.ValidatePage(Page(question), Form(("q-m", "GP"), ("q-m", "Other, please specify")));

        Assert.Equal([new FieldError("q-m-other", "Tell us what you mean by \"Other\" for question 4")], result.Errors);
        Assert.Equal(["GP", "Other, please specify"], result.Value["m"].Choices);
    }

    [Fact]
    public void Page_OtherTickedWithText_KeepsTickAndText()
    {
        var question = new Question { Key = "s", Number = 1, Text = "Which?", Type = QuestionType.SingleChoice, Options = ["GP", "Other"] };

        var result = ResponseRules.ValidatePage(Page(question), Form(("q-s", "Other"), ("q-s-other", "Dentist")));

        Assert.True(result.IsValid);
        Assert.Equal("Other", result.Value["s"].Choice);
        Assert.Equal("Dentist", result.Value["s"].Text);
    }

    [Fact]
    public void Equality_AllOptional_AndUnknownValuesRejected()
    {
        Assert.True(ResponseRules.ValidateEquality(null, null, null, null).IsValid);
        Assert.True(ResponseRules.ValidateEquality("Prefer not to say", "Prefer not to say", "Prefer not to say", "Prefer not to say").IsValid);

        var result = ResponseRules.ValidateEquality("Ancient", null, null, null);
        Assert.Equal([new FieldError("AgeBand", "Select one of the options listed for age")], result.Errors);
    }

    [Fact]
    public void Publishing_WithNameButNoName_AsksForIt()
    {
        var result = ResponseRules.ValidatePublishing(new("PublishWithName", ""));

        Assert.Equal([new FieldError("PublishedName", "Enter the name to publish with your response")], result.Errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("Everything")]
    public void Publishing_NoOrUnknownChoice_AsksForOne(string? posted)
    {
        var result = ResponseRules.ValidatePublishing(new(posted, null));

        Assert.Equal([new FieldError("Publishing", "Select whether we may publish your response")], result.Errors);
    }
}
