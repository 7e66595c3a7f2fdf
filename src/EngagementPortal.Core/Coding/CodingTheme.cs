namespace EngagementPortal.Core.Coding;

/// <summary>
/// One theme of a question's coding frame, which officers create, rename and merge. A merged theme keeps its row
/// (pointing at the theme it went into) so nothing tagged with it is lost and the merge can be explained later.
/// </summary>
public sealed class CodingTheme
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    /// <summary>The question (or its follow-up text) whose free-text answers this theme codes.</summary>
    public required string QuestionKey { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Set when merged into another theme; tags are moved to that theme in the same transaction.</summary>
    public Guid? MergedIntoThemeId { get; set; }
}

/// <summary>An officer's tag: this answer's text speaks to this theme. An answer can carry several.</summary>
public sealed class AnswerTheme
{
    public long ResponseAnswerId { get; set; }

    public Guid ThemeId { get; set; }

    public DateTime TaggedUtc { get; set; }
}
