using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Tests.Collation.Themes;

public sealed class ThemeClassifierTests
{
    private static readonly string[] Transport = ["The bus to the hospital stopped running", "No buses reach the hospital from our village", "Transport to hospital appointments is impossible without a car", "Hospital parking and buses are both hopeless"];
    private static readonly string[] Staff = ["We need more community nurses and carers", "Recruit more district nurses for home visits", "Carers and nurses are leaving; pay them properly", "Staff shortages in community nursing are the real problem"];

    private static (TfIdf Model, SparseVector[] Vectors, Dictionary<int, IReadOnlyList<string>> Coded) Fixture()
    {
        var texts = Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? Transport : Staff)[i / 2 % 4] + $" (point {i}).").ToList();
        var documents = texts.Select(TfIdf.TermsOf).ToList();
        var model = TfIdf.Fit(documents);
        var coded = Enumerable.Range(0, 6).ToDictionary(i => i, i => (IReadOnlyList<string>)[i % 2 == 0 ? "Transport" : "Workforce"]);
        return (model, documents.Select(model.Transform).ToArray(), coded);
    }

    [Fact]
    public void Suggest_TrainingEveryUncodedAnswer_SameAsNoTrainingSet()
    {
        var (model, vectors, coded) = Fixture();

        var all = ThemeClassifier.Suggest(model, vectors, coded);
        var explicitAll = ThemeClassifier.Suggest(model, vectors, coded, training: Enumerable.Range(0, vectors.Length).ToList());

        Assert.Equal(all.Select(s => (string.Join("|", s.Themes), s.Confidence)), explicitAll.Select(s => (string.Join("|", s.Themes), s.Confidence)));
    }

    [Fact]
    public void Suggest_SelfTrainingOnSample_StillScoresEveryAnswer()
    {
        var (model, vectors, coded) = Fixture();

        var sampled = ThemeClassifier.Suggest(model, vectors, coded, training: [10, 11, 20, 21, 30, 31]);

        Assert.Equal(vectors.Length, sampled.Count);
        for (var i = 6; i < vectors.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? "Transport" : "Workforce", sampled[i].Themes[0]);
        }
    }
}
