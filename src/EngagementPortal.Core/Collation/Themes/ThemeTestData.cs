using System.Text.Json;
using System.Text.Json.Serialization;

namespace EngagementPortal.Core.Collation.Themes;

/// <summary>One line of the labelled free-text format (shared/testdata/themes): question, id, text, themes.</summary>
public sealed record LabelledAnswer(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("response_id")] string ResponseId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("themes")] IReadOnlyList<string>? Themes);

public static class ThemeTestData
{
    public static async Task<List<LabelledAnswer>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = new List<LabelledAnswer>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var answer = JsonSerializer.Deserialize<LabelledAnswer>(line)
                ?? throw new InvalidDataException("Empty JSON line in " + path);
            result.Add(answer with { Themes = answer.Themes ?? [] });
        }

        return result;
    }
}
