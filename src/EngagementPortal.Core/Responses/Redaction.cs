namespace EngagementPortal.Core.Responses;

/// <summary>
/// Redaction for publication: the officer names the personal data in an answer (one item a line, copied from the
/// text), and every occurrence is replaced by <see cref="Marker"/>. Only replacing what is there (never typing a new
/// version) means the published text cannot say anything the respondent did not.
/// </summary>
public static class Redaction
{
    public const string Marker = "[redacted]";
    public const int MaxItems = 50;

    /// <summary>The lines of what an officer typed, trimmed, empty lines and repeats dropped.</summary>
    public static IReadOnlyList<string> Items(string? typed) =>
        [.. (typed ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The text with each item replaced, longest first so an item inside another does not split it; or the
    /// items that are not in the text.</summary>
    public static Validated<string> Apply(string text, IReadOnlyList<string> items)
    {
        var errors = new List<FieldError>();
        if (items.Count == 0)
        {
            errors.Add(new("Items", "Enter the personal data to redact, copied from the answer"));
        }
        else if (items.Count > MaxItems)
        {
            errors.Add(new("Items", $"Enter {MaxItems} items or fewer"));
        }

        foreach (var item in items.Where(i => !text.Contains(i, StringComparison.Ordinal)))
        {
            errors.Add(new("Items", $"\"{item}\" is not in the answer: copy it exactly, one item a line"));
        }

        if (errors.Count > 0)
        {
            return new(text, errors);
        }

        var redacted = text;
        foreach (var item in items.OrderByDescending(i => i.Length))
        {
            redacted = redacted.Replace(item, Marker, StringComparison.Ordinal);
        }

        return new(redacted, errors);
    }
}
