namespace EngagementPortal.Core.Content;

public enum SyncOutcome
{
    /// <summary>Every consultation was read and imported.</summary>
    Succeeded,

    /// <summary>The source answered, but some consultations could not be read; those keep their last synced version.</summary>
    PartlySucceeded,

    /// <summary>The source could not be read at all; every consultation keeps its last synced version.</summary>
    Failed,
}

/// <summary>How the last sync with an external content source went (one row per source), so officers can be told when
/// the portal is serving content that may be out of date.</summary>
public sealed class ContentSyncStatus
{
    public const string UmbracoSource = "Umbraco";

    public required string Source { get; set; }

    public DateTime LastAttemptUtc { get; set; }

    public SyncOutcome LastOutcome { get; set; }

    public DateTime? LastSuccessUtc { get; set; }

    public DateTime? LastFailureUtc { get; set; }

    /// <summary>What went wrong in the last attempt that did not fully succeed, in words an officer can act on.</summary>
    public string? LastProblem { get; set; }

    /// <summary>Consultations the source published at the last successful read.</summary>
    public int ConsultationCount { get; set; }
}
