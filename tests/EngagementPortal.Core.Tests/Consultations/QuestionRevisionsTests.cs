using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Tests.Consultations;

public sealed class QuestionRevisionsTests
{
    private static Question Likert(string key, int number = 1, string text = "Do you agree?") => new()
    {
        Key = key,
        Number = number,
        Text = text,
        Type = QuestionType.AgreeDisagree,
        Options = ["Agree", "Disagree"],
    };

    [Fact]
    public void MeaningChangedKeys_WordingNumberAndRequiredChanges_AreNotMeaning()
    {
        Question[] before = [Likert("a"), Likert("b", 2)];
        Question[] after = [Likert("a", 3, "Do you agree, on reflection?") with { Required = true, Hint = "Think", Group = "g" }, Likert("b", 2)];

        Assert.Empty(QuestionRevisions.MeaningChangedKeys(before, after));
    }

    [Fact]
    public void MeaningChangedKeys_TypeOrOptionsChanged_AreListedInTheNewOrder()
    {
        Question[] before = [Likert("a"), Likert("b", 2), Likert("c", 3)];
        Question[] after =
        [
            Likert("c", 1) with { Options = ["Disagree", "Agree"] },
            Likert("a", 2) with { Type = QuestionType.SingleChoice },
            Likert("b", 3),
            Likert("new", 4) with { Type = QuestionType.FreeText, Options = [] },
        ];

        Assert.Equal(["c", "a"], QuestionRevisions.MeaningChangedKeys(before, after));
    }

    [Fact]
    public void Carry_ChangeAfterAnswersMayExist_StartsANewRevision()
    {
        var (questions, changes) = QuestionRevisions.Carry([Likert("a")], [Likert("a") with { Options = ["Yes", "No"] }], _ => true);

        Assert.Equal(2, questions[0].Revision);
        Assert.Equal("a@2", questions[0].AnswerKey);
        var change = Assert.Single(changes);
        Assert.Equal(QuestionChangeKind.OptionsChanged, change.Kind);
        Assert.Equal(2, change.NewRevision);
        Assert.Contains("kept apart", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Carry_SecondChangeOfMeaning_CountsOn()
    {
        var (questions, _) = QuestionRevisions.Carry([Likert("a") with { Revision = 2 }], [Likert("a") with { Type = QuestionType.FreeText, Options = [] }], _ => true);

        Assert.Equal(3, questions[0].Revision);
        Assert.Equal("a@3", questions[0].AnswerKey);
    }

    [Fact]
    public void Carry_ChangeBeforeAnyAnswer_KeepsTheRevisionButReportsIt()
    {
        var (questions, changes) = QuestionRevisions.Carry([Likert("a")], [Likert("a") with { Type = QuestionType.YesNo }], _ => false);

        Assert.Null(questions[0].Revision);
        Assert.Equal("a", questions[0].AnswerKey);
        Assert.Equal(QuestionChangeKind.TypeChanged, Assert.Single(changes).Kind);
        Assert.Null(changes[0].NewRevision);
    }

    [Fact]
    public void Carry_Unchanged_KeepsTheEarlierRevisionSoTheContentHashIsStable()
    {
        var (questions, changes) = QuestionRevisions.Carry([Likert("a") with { Revision = 2 }], [Likert("a", text: "Reworded")], _ => true);

        Assert.Equal(2, questions[0].Revision);
        Assert.Empty(changes);
    }

    [Fact]
    public void Carry_QuestionRemoved_IsReportedAndNewQuestionsStartFresh()
    {
        var (questions, changes) = QuestionRevisions.Carry([Likert("a"), Likert("b", 2)], [Likert("a"), Likert("c", 2) with { Revision = 5 }], _ => true);

        Assert.Null(questions[1].Revision);
        var removed = Assert.Single(changes);
        Assert.Equal(("b", QuestionChangeKind.Removed), (removed.Key, removed.Kind));
    }
}
