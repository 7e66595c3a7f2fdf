using System.Text.RegularExpressions;

namespace EngagementPortal.Core.Consultations;

/// <summary>What an officer types on the edit page, dates already converted from UK time to UTC.</summary>
public sealed record DraftFields
{
    public required string Title { get; init; }

    public required string Slug { get; init; }

    public required string Summary { get; init; }

    public required string Body { get; init; }

    public string? HowToRespond { get; init; }

    public IReadOnlyList<string> Audience { get; init; } = [];

    public DateTime? OpensUtc { get; init; }

    public DateTime? ClosesUtc { get; init; }

    public DateTime? PartnershipDeadlineUtc { get; init; }

    public IReadOnlyList<SupportingDocument> Documents { get; init; } = [];
}

/// <summary>A problem with one field: the field's name (for the error summary link) and the message.</summary>
public sealed record FieldProblem(string Field, string Message);

public static partial class DraftRules
{
    public const int SlugMaxLength = 100;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static IReadOnlyList<FieldProblem> Check(DraftFields fields)
    {
        var problems = new List<FieldProblem>();
        Required(problems, "Title", fields.Title, "Enter a title", 300);
        if (string.IsNullOrWhiteSpace(fields.Slug))
        {
            problems.Add(new("Slug", "Enter the web address"));
        }
        else if (fields.Slug.Length > SlugMaxLength || !SlugPattern().IsMatch(fields.Slug))
        {
            problems.Add(new("Slug", $"The web address must be lower-case letters, numbers and hyphens, up to {SlugMaxLength} characters, like integrating-care"));
        }

        Required(problems, "Summary", fields.Summary, "Enter a summary", 4000);
        Required(problems, "Body", fields.Body, "Enter the body text", 200_000);
        if (fields.OpensUtc is null)
        {
            problems.Add(new("Opens", "Enter when the consultation opens"));
        }

        if (fields.ClosesUtc is null)
        {
            problems.Add(new("Closes", "Enter when the consultation closes"));
        }
        else if (fields.OpensUtc is { } opens && fields.ClosesUtc <= opens)
        {
            problems.Add(new("Closes", "The closing date must be after the opening date"));
        }

        if (fields.PartnershipDeadlineUtc is { } deadline && fields.ClosesUtc is { } closes && deadline > closes)
        {
            problems.Add(new("PartnershipDeadline", "The partnership deadline must be on or before the closing date"));
        }

        for (var i = 0; i < fields.Documents.Count; i++)
        {
            var document = fields.Documents[i];
            if (string.IsNullOrWhiteSpace(document.Title) || !Uri.TryCreate(document.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                problems.Add(new("Documents", $"Document {i + 1}: write each document as a title, a bar and a web address starting https://, like \u201cFull proposal | https://example.nhs.uk/proposal.pdf\u201d"));
            }
        }

        return problems;
    }

    /// <summary>A question the builder saves: text, type and choices make sense together.</summary>
    public static IReadOnlyList<FieldProblem> Check(Question question)
    {
        var problems = new List<FieldProblem>();
        Required(problems, "Text", question.Text, "Enter the question", 1000);
        if (question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice)
        {
            if (question.Options.Count < 2)
            {
                problems.Add(new("Options", "Enter at least two answer options, one on each line"));
            }
            else if (question.Options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != question.Options.Count)
            {
                problems.Add(new("Options", "Each answer option must be different"));
            }
        }

        if (question.Type == QuestionType.FreeText && question.MaxLength is < 10 or > Question.DefaultMaxLength)
        {
            problems.Add(new("MaxLength", $"The character limit must be between 10 and {Question.DefaultMaxLength:N0}"));
        }

        return problems;
    }

    private static void Required(List<FieldProblem> problems, string field, string? value, string message, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, message));
        }
        else if (value.Length > maxLength)
        {
            problems.Add(new(field, $"{field} must be {maxLength:N0} characters or fewer"));
        }
    }
}
