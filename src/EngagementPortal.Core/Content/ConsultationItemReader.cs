using System.Globalization;
using System.Text.Json;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Time;

namespace EngagementPortal.Core.Content;

/// <summary>
/// Reads a <c>consultation</c> content item in the shape of Umbraco's Content Delivery API v2
/// (contentType, name, id, route, properties). Content packages under umbraco/content use the same
/// shape, so one reader serves both sources. Unknown properties are ignored.
/// </summary>
public static class ConsultationItemReader
{
    public const string ContentType = "consultation";

    public static ConsultationContent Read(JsonElement item, string where, Uri? mediaBase = null)
    {
        var contentType = OptionalString(item, "contentType");
        if (!string.Equals(contentType, ContentType, StringComparison.Ordinal))
        {
            throw new ContentProblemException(where, $"contentType is '{contentType}', expected '{ContentType}'.");
        }

        var id = OptionalString(item, "id") ?? throw new ContentProblemException(where, "the item has no id.");
        var path = item.TryGetProperty("route", out var route) && route.ValueKind == JsonValueKind.Object
            ? OptionalString(route, "path") : null;
        var slug = SlugFromPath(path) ?? throw new ContentProblemException(where, "route.path is missing, so the item has no slug.");
        if (!item.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            throw new ContentProblemException(where, "the item has no properties.");
        }

        var title = OptionalString(props, "title") ?? OptionalString(item, "name")
            ?? throw new ContentProblemException(where, "title is missing.");
        var (body, format) = ReadBody(props);

        return new ConsultationContent
        {
            OriginKey = id,
            Slug = slug,
            Title = title,
            Summary = RequiredString(props, "summary", where),
            Body = body,
            BodyFormat = format,
            HowToRespond = NullIfBlank(OptionalString(props, "howToRespond")),
            Audience = StringArray(props, "audience"),
            Publisher = props.TryGetProperty("publisher", out var publisher) && publisher.ValueKind == JsonValueKind.Object
                ? OptionalString(publisher, "name") : OptionalString(props, "publisher"),
            SourceUrl = SafeUrlOrThrow(NullIfBlank(OptionalString(props, "sourceUrl")), where),
            OpensUtc = RequiredDate(props, "opensAt", where),
            ClosesUtc = RequiredDate(props, "closesAt", where),
            PartnershipDeadlineUtc = OptionalDate(props, "partnershipDeadline", where),
            PartnershipDeadlineIsIllustrative = props.TryGetProperty("partnershipDeadlineIsIllustrative", out var ill) && ill.ValueKind == JsonValueKind.True,
            Questions = ReadQuestions(props, where),
            Documents = ReadDocuments(props, mediaBase),
        };
    }

    /// <summary>The slug is the last segment of the route: "/consultations/integrating-care/" gives "integrating-care".</summary>
    public static string? SlugFromPath(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? null : segments[^1].ToLowerInvariant();
    }

    /// <summary>Umbraco 17 writes date/time values without an offset (UK wall-clock time); 13–16 and packages may add Z or an offset.</summary>
    public static DateTime ParseDate(string value)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && HasOffset(value))
        {
            return withOffset.UtcDateTime;
        }

        var wallClock = DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return UkTime.FromUk(wallClock);
    }

    private static bool HasOffset(string value)
    {
        var time = value.IndexOf('T', StringComparison.Ordinal);
        if (time < 0)
        {
            return false;
        }

        var rest = value[time..];
        return rest.EndsWith('Z') || rest.EndsWith('z') || rest.Contains('+', StringComparison.Ordinal) || rest.LastIndexOf('-') > 0;
    }

    private static (string Body, BodyFormat Format) ReadBody(JsonElement props)
    {
        if (!props.TryGetProperty("body", out var body) || body.ValueKind == JsonValueKind.Null)
        {
            return ("", BodyFormat.Markdown);
        }

        if (body.ValueKind == JsonValueKind.String)
        {
            return (body.GetString() ?? "", BodyFormat.Markdown);
        }

        // Rich text: { markup, blocks }. Blocks are kept as their text so nothing an editor wrote is lost.
        var markup = OptionalString(body, "markup") ?? "";
        if (body.TryGetProperty("blocks", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in blocks.EnumerateArray())
            {
                if (!block.TryGetProperty("content", out var content))
                {
                    continue;
                }

                var blockId = OptionalString(content, "id");
                var blockProps = content.TryGetProperty("properties", out var bp) ? bp : default;
                var heading = blockProps.ValueKind == JsonValueKind.Object ? OptionalString(blockProps, "heading") : null;
                var text = blockProps.ValueKind == JsonValueKind.Object ? OptionalString(blockProps, "text") : null;
                var replacement = "<div class=\"nhsuk-inset-text\">"
                    + (heading is null ? "" : "<h3>" + System.Net.WebUtility.HtmlEncode(heading) + "</h3>")
                    + (text is null ? "" : "<p>" + System.Net.WebUtility.HtmlEncode(text) + "</p>") + "</div>";
                markup = markup.Replace($"<umb-rte-block data-content-id=\"{blockId}\"></umb-rte-block>", replacement, StringComparison.Ordinal)
                    .Replace($"<umb-rte-block-inline data-content-id=\"{blockId}\"></umb-rte-block-inline>", replacement, StringComparison.Ordinal);
            }
        }

        return (markup, BodyFormat.Html);
    }

    private static List<Question> ReadQuestions(JsonElement props, string where)
    {
        var questions = new List<Question>();
        if (!props.TryGetProperty("questions", out var list) || list.ValueKind != JsonValueKind.Object
            || !list.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return questions;
        }

        foreach (var block in items.EnumerateArray())
        {
            if (!block.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var type = OptionalString(content, "contentType");
            var key = OptionalString(content, "id") ?? throw new ContentProblemException(where, "a question has no id.");
            var p = content.GetProperty("properties");
            var number = p.TryGetProperty("questionNumber", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : questions.Count + 1;
            var text = RequiredString(p, "questionText", $"{where} question {number}");
            IReadOnlyList<string> options = StringArray(p, "answerOptions");
            var questionType = type switch
            {
                "likertQuestion" => QuestionType.AgreeDisagree,
                "freeTextQuestion" => QuestionType.FreeText,
                "yesNoQuestion" => QuestionType.YesNo,
                "choiceQuestion" => p.TryGetProperty("allowMultiple", out var m) && m.ValueKind == JsonValueKind.True
                    ? QuestionType.MultipleChoice : QuestionType.SingleChoice,
                _ => throw new ContentProblemException(where, $"question {number} has an unknown element type '{type}'."),
            };
            if (questionType == QuestionType.AgreeDisagree && options.Count == 0)
            {
                options = Question.AgreeDisagreeOptions;
            }
            else if (questionType == QuestionType.YesNo)
            {
                options = Question.YesNoOptions;
            }

            if (questionType is QuestionType.SingleChoice or QuestionType.MultipleChoice && options.Count < 2)
            {
                throw new ContentProblemException(where, $"question {number} needs at least two answer options.");
            }

            string? followUpLabel = null;
            string? followUpKey = null;
            if (p.TryGetProperty("followUp", out var followUp) && followUp.ValueKind == JsonValueKind.Object
                && followUp.TryGetProperty("items", out var fItems) && fItems.ValueKind == JsonValueKind.Array)
            {
                foreach (var f in fItems.EnumerateArray())
                {
                    if (f.TryGetProperty("content", out var fc) && fc.ValueKind == JsonValueKind.Object)
                    {
                        followUpKey = OptionalString(fc, "id");
                        followUpLabel = fc.TryGetProperty("properties", out var fp) ? OptionalString(fp, "questionText") : null;
                        break;
                    }
                }
            }

            questions.Add(new Question
            {
                Key = key,
                Number = number,
                Text = text,
                Hint = NullIfBlank(OptionalString(p, "hint")),
                Type = questionType,
                Options = [.. options],
                Required = p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True,
                FollowUpLabel = followUpLabel,
                FollowUpKey = followUpKey,
                MaxLength = p.TryGetProperty("maxLength", out var ml) && ml.ValueKind == JsonValueKind.Number ? ml.GetInt32() : Question.DefaultMaxLength,
                Group = NullIfBlank(OptionalString(p, "group")),
            });
        }

        return [.. questions.OrderBy(q => q.Number)];
    }

    private static List<SupportingDocument> ReadDocuments(JsonElement props, Uri? mediaBase)
    {
        var documents = new List<SupportingDocument>();
        if (!props.TryGetProperty("documents", out var media) || media.ValueKind != JsonValueKind.Array)
        {
            return documents;
        }

        foreach (var m in media.EnumerateArray())
        {
            var url = OptionalString(m, "url");
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            if (!SafeMarkdown.IsSafeUrl(url))
            {
                continue;
            }

            if (mediaBase is not null && url.StartsWith('/'))
            {
                url = new Uri(mediaBase, url).ToString();
            }

            documents.Add(new SupportingDocument
            {
                Title = OptionalString(m, "name") ?? url,
                Url = url,
                Format = OptionalString(m, "extension")?.ToUpperInvariant(),
                SizeBytes = m.TryGetProperty("bytes", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt64() : null,
            });
        }

        return documents;
    }

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string RequiredString(JsonElement obj, string name, string where) =>
        NullIfBlank(OptionalString(obj, name)) ?? throw new ContentProblemException(where, $"{name} is missing or empty.");

    private static DateTime RequiredDate(JsonElement obj, string name, string where) =>
        OptionalDate(obj, name, where) ?? throw new ContentProblemException(where, $"{name} is missing.");

    private static DateTime? OptionalDate(JsonElement obj, string name, string where)
    {
        var value = OptionalString(obj, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return ParseDate(value);
        }
        catch (FormatException)
        {
            throw new ContentProblemException(where, $"{name} '{value}' is not a date and time.");
        }
    }

    private static List<string> StringArray(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static string? SafeUrlOrThrow(string? url, string where) =>
        url is null || SafeMarkdown.IsSafeUrl(url) ? url : throw new ContentProblemException(where, $"'{url}' is not an http, https or relative link.");

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
