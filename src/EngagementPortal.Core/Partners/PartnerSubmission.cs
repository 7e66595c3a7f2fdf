namespace EngagementPortal.Core.Partners;

/// <summary>How the organisation's view was approved, as the signatory states it.</summary>
public enum GovernanceStatus
{
    ApprovedByBoard,
    DelegatedAuthority,
    OfficerViewNotRatified,
}

public enum SubmissionState
{
    NotStarted,
    Drafting,
    Submitted,
}

/// <summary>One answer in a draft: the same shape, and the same question keys, as a public answer.</summary>
public sealed record PartnerAnswer(string Key, string? Choice, string? Text)
{
    public List<string> Choices { get; init; } = [];
}

/// <summary>
/// An organisation's formal submission to one consultation (one per organisation per consultation), created
/// when an officer invites the organisation. Contributors draft it together; <see cref="Version"/> is the row
/// version that stops one contributor silently overwriting another. Submitting locks it and writes one row in
/// <c>responses</c> (<see cref="ResponseId"/>), so it is counted, coded and exported beside public responses.
/// </summary>
public sealed class PartnerSubmission
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTime InvitedUtc { get; set; }

    public List<PartnerAnswer> Answers { get; set; } = [];

    public string? OverallPosition { get; set; }

    public string? Evidence { get; set; }

    /// <summary>The stored letter's name in the private letter store (never a public document URL).</summary>
    public string? LetterFile { get; set; }

    public string? LetterFormat { get; set; }

    public long LetterSizeBytes { get; set; }

    /// <summary>Row version: every save increments it; a save from an older version is a conflict.</summary>
    public int Version { get; set; }

    public DateTime? LastEditedUtc { get; set; }

    public string? LastEditedBy { get; set; }

    public string? SignatoryName { get; set; }

    public string? SignatoryRole { get; set; }

    public GovernanceStatus? GovernanceStatus { get; set; }

    /// <summary>For "approved by the board on …".</summary>
    public DateOnly? ApprovedOn { get; set; }

    public DateTime? SubmittedUtc { get; set; }

    public string? SubmittedBy { get; set; }

    public string? Reference { get; set; }

    /// <summary>Submitted after the partnership deadline (still before the consultation closed).</summary>
    public bool IsLate { get; set; }

    public Guid? ResponseId { get; set; }

    public DateTime? ReopenedUtc { get; set; }

    public SubmissionState State => SubmittedUtc is not null ? SubmissionState.Submitted : LastEditedUtc is not null ? SubmissionState.Drafting : SubmissionState.NotStarted;

    public static string DescribeGovernance(GovernanceStatus status, DateOnly? approvedOn) => status switch
    {
        Partners.GovernanceStatus.ApprovedByBoard => approvedOn is { } on ? $"Approved by the board on {on.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}" : "Approved by the board",
        Partners.GovernanceStatus.DelegatedAuthority => "Approved under delegated authority",
        _ => "Officer view, not yet ratified",
    };

    public string? Governance => GovernanceStatus is { } status ? DescribeGovernance(status, ApprovedOn) : null;
}
