namespace EngagementPortal.Core.Responses;

/// <summary>
/// A journey in progress, stored on the server and found by the hash of a random cookie token, so nothing typed
/// is lost to a reload, the back button, a second tab or a closed laptop until the consultation closes.
/// </summary>
public sealed class ResponseJourney
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the cookie token: the database alone cannot be used to take over a journey.</summary>
    public required string TokenHash { get; set; }

    public Guid ConsultationId { get; set; }

    /// <summary>The journey state as JSON (<see cref="JourneyState"/>).</summary>
    public required string State { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>When the consultation closes: the journey is worthless afterwards.</summary>
    public DateTime ExpiresUtc { get; set; }

    /// <summary>Bumped on every save; a save based on an older revision is retried on the newer state.</summary>
    public int Revision { get; set; }

    /// <summary>Set once submitted; a journey submits at most once.</summary>
    public Guid? ResponseId { get; set; }
}

/// <summary>A "save and come back later" link: single use, expiring, only its hash stored.</summary>
public sealed class SaveAndReturnLink
{
    public Guid Id { get; set; }

    public Guid JourneyId { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? UsedUtc { get; set; }
}

public enum DataRequestKind
{
    Copy,
    Deletion,
}

public enum DataRequestState
{
    Open,
    Completed,
    Declined,
}

/// <summary>A respondent's request under UK GDPR for a copy of their response or its deletion, for officers to handle.
/// What the person typed is kept as typed; <see cref="ResponseId"/> is set when the reference and email match.</summary>
public sealed class DataRequest
{
    public Guid Id { get; set; }

    public DataRequestKind Kind { get; set; }

    public required string Reference { get; set; }

    public required string Email { get; set; }

    public Guid? ResponseId { get; set; }

    public DataRequestState State { get; set; }

    public DateTime CreatedUtc { get; set; }
}
