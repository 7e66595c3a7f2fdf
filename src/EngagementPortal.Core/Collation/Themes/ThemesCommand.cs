using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EngagementPortal.Core.Collation.Themes;

/// <summary>What the themes command did, or why it could not.</summary>
public sealed record ThemesCommandResult(bool Succeeded, int Answers, int Coded, string? Problem)
{
    public static ThemesCommandResult Failed(string problem) => new(false, 0, 0, problem);
}

/// <summary>
/// <c>themes --in file.jsonl --out file.jsonl [--coded-fraction 0.1] [--seed 1]</c>: reads answers in the
/// labelled test-data format, writes every line back unchanged plus <c>"suggested": [...]</c> and
/// <c>"confidence"</c>; with a coded fraction the seeded share that kept its labels as the officers'
/// coding is marked <c>"coded": true</c> (and its suggested themes are its labels).
/// </summary>
public static class ThemesCommand
{
    public static async Task<ThemesCommandResult> RunAsync(string inPath, string outPath, double? codedFraction, int seed, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(inPath))
        {
            return ThemesCommandResult.Failed($"No such file: {inPath}");
        }

        if (codedFraction is <= 0 or > 1)
        {
            return ThemesCommandResult.Failed("--coded-fraction must be more than 0 and at most 1.");
        }

        var lines = (await File.ReadAllLinesAsync(inPath, cancellationToken)).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var nodes = new List<JsonObject>(lines.Count);
        var answers = new List<LabelledAnswer>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            JsonObject? node;
            try
            {
                node = JsonNode.Parse(lines[i]) as JsonObject;
            }
            catch (JsonException e)
            {
                return ThemesCommandResult.Failed($"Line {i + 1} is not JSON: {e.Message}");
            }

            if (node?["text"] is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
            {
                return ThemesCommandResult.Failed($"Line {i + 1} has no \"text\".");
            }

            var themes = node["themes"] is JsonArray array ? array.Select(t => t?.GetValue<string>() ?? "").Where(t => t.Length > 0).ToList() : [];
            nodes.Add(node);
            answers.Add(new LabelledAnswer(
                node["question"]?.GetValue<string>() ?? "",
                node["response_id"]?.ToString() ?? i.ToString(CultureInfo.InvariantCulture),
                text.GetValue<string>(),
                themes));
        }

        var suggested = ThemeEvaluation.Suggest(answers, codedFraction, seed);
        var output = new StringBuilder();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            node["suggested"] = new JsonArray(suggested[i].Suggested.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
            node["confidence"] = suggested[i].Confidence;
            if (suggested[i].Coded)
            {
                node["coded"] = true;
            }

            output.Append(node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).Append('\n');
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(outPath, output.ToString(), new UTF8Encoding(false), cancellationToken);
        return new ThemesCommandResult(true, nodes.Count, suggested.Count(s => s.Coded), null);
    }
}
