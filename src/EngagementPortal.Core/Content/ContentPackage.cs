using System.Text.Json;
using System.Text.Json.Nodes;

namespace EngagementPortal.Core.Content;

/// <summary>
/// Content packages: the files under umbraco/content (format in umbraco/content/README.md).
/// An item is a JSON file in the Delivery API's shape; a property may be written as
/// <c>{ "$file": "name.md" }</c> to keep long Markdown in a file of its own beside the item.
/// </summary>
public static class ContentPackage
{
    public static IReadOnlyList<ConsultationContent> ReadConsultations(string contentFolder)
    {
        var itemsFolder = Path.Combine(contentFolder, "items");
        if (!Directory.Exists(itemsFolder))
        {
            return [];
        }

        var result = new List<ConsultationContent>();
        foreach (var file in Directory.EnumerateFiles(itemsFolder, "*.json").Order(StringComparer.Ordinal))
        {
            var where = Path.GetRelativePath(contentFolder, file);
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new ContentProblemException(where, $"not valid JSON ({ex.Message}).");
            }

            if (node is not JsonObject item)
            {
                throw new ContentProblemException(where, "expected one content item object.");
            }

            if (item["contentType"]?.GetValue<string>() != ConsultationItemReader.ContentType)
            {
                continue;
            }

            if (item["properties"] is JsonObject properties)
            {
                foreach (var (name, value) in properties.ToList())
                {
                    if (value is JsonObject reference && reference["$file"] is JsonValue fileName)
                    {
                        var path = Path.GetFullPath(Path.Combine(itemsFolder, fileName.GetValue<string>()));
                        if (!path.StartsWith(Path.GetFullPath(itemsFolder), StringComparison.Ordinal) || !File.Exists(path))
                        {
                            throw new ContentProblemException(where, $"{name} refers to '{fileName}', which is not a file beside the item.");
                        }

                        properties[name] = File.ReadAllText(path).ReplaceLineEndings("\n");
                    }
                }
            }

            using var document = JsonDocument.Parse(item.ToJsonString());
            result.Add(ConsultationItemReader.Read(document.RootElement, where));
        }

        return result;
    }
}
