namespace EngagementPortal.Core.PartnershipResponses;

public enum PartnershipResponseState
{
    Draft,
    SignedOff,
}

/// <summary>The officers' narrative for one question, in Markdown with inline citations (<see cref="Citations"/>).</summary>
public sealed record QuestionNarrative(string QuestionKey, string Markdown);

/// <summary>
/// One version of a consultation's partnership response: the officers' narrative per question over the evidence of
/// one chosen collation run. A draft is edited in place; sign-off by a named officer locks it (who, when, which
/// snapshot), and editing afterwards starts the next draft version. A signed-off version may be published on the
/// consultation's results page with a "you said, we did" summary.
/// </summary>
public sealed class PartnershipResponseVersion
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    /// <summary>1, 2, 3… per consultation.</summary>
    public int Number { get; set; }

    public PartnershipResponseState State { get; set; }

    /// <summary>The collation run whose snapshot this version cites.</summary>
    public Guid CollationRunId { get; set; }

    /// <summary>That snapshot's content hash, kept with the version so what was signed off can be proved later.</summary>
    public required string SnapshotHash { get; set; }

    public List<QuestionNarrative> Narratives { get; set; } = [];

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTime? SignedOffUtc { get; set; }

    /// <summary>The named officer who signed it off, as they gave their name, and their role.</summary>
    public string? SignedOffBy { get; set; }

    public string? SignedOffRole { get; set; }

    /// <summary>The account that recorded the sign-off.</summary>
    public string? SignedOffAccount { get; set; }

    public DateTime? PublishedUtc { get; set; }

    public string? PublishedBy { get; set; }

    /// <summary>The officers' "you said, we did" summary shown at the top of the results page (Markdown).</summary>
    public string? YouSaidWeDid { get; set; }

    public bool IsLocked => State == PartnershipResponseState.SignedOff;

    public string NarrativeFor(string questionKey) => Narratives.FirstOrDefault(n => n.QuestionKey == questionKey)?.Markdown ?? "";
}
