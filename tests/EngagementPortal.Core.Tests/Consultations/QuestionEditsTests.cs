using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Tests.Consultations;

public sealed class QuestionEditsTests
{
    private static readonly Question Agree = new() { Key = "q1", Number = 1, Text = "Do you agree?", Type = QuestionType.AgreeDisagree, Options = Question.AgreeDisagreeOptions, FollowUpLabel = "Why?" };

    [Fact]
    public void Unchanged_HasNoChanges() => Assert.Empty(QuestionEdits.Compare([Agree], [Agree]));

    [Fact]
    public void WordingOnly_IsNotAChangeOfMeaning()
    {
        var change = Assert.Single(QuestionEdits.Compare([Agree], [Agree with { Text = "Do you agree with the proposal?", Hint = "Think about your area" }]));
        Assert.False(change.ChangesMeaning);
    }

    [Theory]
    [MemberData(nameof(MeaningChanges))]
    public void MeaningChange_IsFlagged(Question after, string expected)
    {
        var change = QuestionEdits.Compare([Agree], [after]).First(c => c.ChangesMeaning);
        Assert.Contains(expected, change.Description, StringComparison.Ordinal);
    }

    public static TheoryData<Question, string> MeaningChanges() => new()
    {
        { Agree with { Type = QuestionType.YesNo, Options = Question.YesNoOptions }, "changed from an agree/disagree scale to yes or no" },
        { Agree with { Options = ["Agree", "Disagree"] }, "different answer options" },
        { Agree with { Required = true }, "became required" },
        { Agree with { MaxLength = 500 }, "lower character limit" },
        { Agree with { FollowUpLabel = null }, "lost its follow-up" },
    };

    [Fact]
    public void Removed_ChangesMeaning_Added_DoesNot()
    {
        var added = Agree with { Key = "q2", Number = 1, Text = "Anything else?", Type = QuestionType.FreeText, Options = [] };

        var changes = QuestionEdits.Compare([Agree], [added]);

        Assert.True(changes.Single(c => c.Key == "q1").ChangesMeaning);
        Assert.False(changes.Single(c => c.Key == "q2").ChangesMeaning);
    }
}
