namespace EngagementPortal.Core.Consultations;

public enum VersionState
{
    Draft,
    Published,
    Superseded,
}

public enum ConsultationPhase
{
    Upcoming,
    Open,
    Closed,
}

public enum BodyFormat
{
    Markdown,

    /// <summary>HTML from a trusted editor (Umbraco rich text), rendered only after an allow-list pass.</summary>
    Html,
}

/// <summary>
/// One version of a consultation's content. A published version is never edited: a change makes a new
/// version. Dates come in two forms: what the author set (<c>Authored*</c>) and what every rule uses
/// (<see cref="OpensUtc"/> and friends), which differ only by the demonstration shift (<see cref="DemoShiftDays"/>).
/// </summary>
public sealed class ConsultationVersion
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public Consultation Consultation { get; set; } = null!;

    public int Number { get; set; }

    public VersionState State { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string Body { get; set; }

    public BodyFormat BodyFormat { get; set; }

    /// <summary>How to respond other than online (Markdown), or null.</summary>
    public string? HowToRespond { get; set; }

    /// <summary>Who the consultation is for, one group per entry ("Members of the public").</summary>
    public List<string> Audience { get; set; } = [];

    public string? Publisher { get; set; }

    public string? SourceUrl { get; set; }

    public DateTime AuthoredOpensUtc { get; set; }

    public DateTime AuthoredClosesUtc { get; set; }

    public DateTime? AuthoredPartnershipDeadlineUtc { get; set; }

    /// <summary>True when the partnership deadline is an example rather than a real decision.</summary>
    public bool PartnershipDeadlineIsIllustrative { get; set; }

    /// <summary>Days added to every authored date in the demonstration window; 0 outside it.</summary>
    public int DemoShiftDays { get; set; }

    public DateTime OpensUtc { get; set; }

    public DateTime ClosesUtc { get; set; }

    public DateTime? PartnershipDeadlineUtc { get; set; }

    public List<Question> Questions { get; set; } = [];

    public List<SupportingDocument> Documents { get; set; } = [];

    /// <summary>Hash of the authored content, so an unchanged import is recognised and skipped.</summary>
    public required string ContentHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>A scheduled publication: the published version is public only from this instant (null: at once).
    /// Every request compares it with the clock, so no job is needed to flip it.</summary>
    public DateTime? PublishAtUtc { get; set; }

    /// <summary>A scheduled (or immediate) withdrawal: the published version is public only before this instant.</summary>
    public DateTime? UnpublishAtUtc { get; set; }

    /// <summary>True when this version is the published one and its schedule lets the public see it now.</summary>
    public bool IsPublicAt(DateTime utcNow) =>
        State == VersionState.Published && (PublishAtUtc is null || PublishAtUtc <= utcNow) && (UnpublishAtUtc is null || utcNow < UnpublishAtUtc);

    public ConsultationPhase PhaseAt(DateTime utcNow) =>
        utcNow < OpensUtc ? ConsultationPhase.Upcoming
        : utcNow < ClosesUtc ? ConsultationPhase.Open
        : ConsultationPhase.Closed;

    public bool IsDemonstration => DemoShiftDays != 0;

    /// <summary>Sets the effective dates from the authored ones, shifted by whole days on the UK wall clock
    /// so that 11:59pm stays 11:59pm across a change between GMT and BST.</summary>
    public void ApplyDemoShift(int days)
    {
        DemoShiftDays = days;
        OpensUtc = Time.UkTime.ShiftDays(AuthoredOpensUtc, days);
        ClosesUtc = Time.UkTime.ShiftDays(AuthoredClosesUtc, days);
        PartnershipDeadlineUtc = AuthoredPartnershipDeadlineUtc is { } deadline ? Time.UkTime.ShiftDays(deadline, days) : null;
    }
}
