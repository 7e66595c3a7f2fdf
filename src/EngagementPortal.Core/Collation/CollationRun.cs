namespace EngagementPortal.Core.Collation;

public enum CollationTrigger
{
    Nightly,
    OnDemand,
    FinalBeforeDeadline,
    AtClose,
    CommandLine,
}

public enum CollationRunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Asked for ("collate now") and waiting for the collation job on a node that runs jobs.</summary>
    Queued,
}

/// <summary>
/// One collation of a consultation: its progress while running, and once it succeeds the immutable snapshot (JSON of
/// <see cref="CollationSnapshot"/>) with its content hash. The partnership response cites a chosen run's snapshot.
/// </summary>
public sealed class CollationRun
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public CollationTrigger Trigger { get; set; }

    public CollationRunStatus Status { get; set; }

    public DateTime StartedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }

    /// <summary>0 to 100, for the progress bar on "collate now" and the jobs page.</summary>
    public int ProgressPercent { get; set; }

    public string? Error { get; set; }

    /// <summary>How many responses (of every kind) the snapshot counted.</summary>
    public int ResponsesCounted { get; set; }

    /// <summary>The latest <c>UpdatedUtc</c> of the responses read: the next incremental run starts after it.</summary>
    public DateTime? WatermarkUtc { get; set; }

    public string? ContentHash { get; set; }

    public string? SnapshotJson { get; set; }
}
