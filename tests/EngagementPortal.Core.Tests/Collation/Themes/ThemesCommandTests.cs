using System.Text.Json.Nodes;
using EngagementPortal.Core.Collation.Themes;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Collation.Themes;

public sealed class ThemesCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("themes-command-").FullName;

    [Fact]
    public async Task RunAsync_CodedFraction_EveryLineBackWithSuggestedAndCodedShareMarked()
    {
        var input = Repository.TestData("themes/iai-themefinder-evals-synthetic-gambling.jsonl");
        var output = Path.Combine(folder, "out.jsonl");

        var result = await ThemesCommand.RunAsync(input, output, 0.1, 1);

        Assert.True(result.Succeeded, result.Problem);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var original = (await File.ReadAllLinesAsync(input)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(original.Count, lines.Count);
        Assert.Equal(original.Select(o => o["response_id"]!.ToString()), lines.Select(l => l["response_id"]!.ToString()));
        Assert.Equal(original.Select(o => o["text"]!.ToString()), lines.Select(l => l["text"]!.ToString()));
        Assert.All(lines, l => Assert.IsType<JsonArray>(l["suggested"]));

        // 10% of each question, rounded up: 100 + 10 + 10.
        var coded = lines.Where(l => l["coded"]?.GetValue<bool>() == true).ToList();
        Assert.Equal(120, coded.Count);
        Assert.Equal(120, result.Coded);
        Assert.All(coded, l => Assert.Equal(l["themes"]!.ToJsonString(), l["suggested"]!.ToJsonString()));
    }

    [Fact]
    public async Task RunAsync_NoCodedFraction_ClusterLabelsAndNoCodedMarks()
    {
        var output = Path.Combine(folder, "a.jsonl");

        var result = await ThemesCommand.RunAsync(Repository.TestData("themes/iai-themefinder-evals-synthetic-gambling.jsonl"), output, null, 2);

        Assert.True(result.Succeeded);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.DoesNotContain(lines, l => l.ContainsKey("coded"));
        Assert.All(lines, l => Assert.NotEmpty(l["suggested"]!.AsArray()));
    }

    [Fact]
    public async Task RunAsync_MissingFile_FailedResult()
    {
        var result = await ThemesCommand.RunAsync(Path.Combine(folder, "absent.jsonl"), Path.Combine(folder, "out.jsonl"), null, 1);

        Assert.False(result.Succeeded);
        Assert.Contains("No such file", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LineWithoutText_FailedResultNamingTheLine()
    {
        var input = Path.Combine(folder, "bad.jsonl");
        await File.WriteAllTextAsync(input, "{\"text\": \"fine\"}\n{\"question\": \"q\"}\n");

        var result = await ThemesCommand.RunAsync(input, Path.Combine(folder, "out.jsonl"), 0.5, 1);

        Assert.False(result.Succeeded);
        Assert.Contains("Line 2", result.Problem, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
