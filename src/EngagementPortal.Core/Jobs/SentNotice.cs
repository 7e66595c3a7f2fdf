namespace EngagementPortal.Core.Jobs;

/// <summary>
/// A notice a job has sent (a milestone email, a partner reminder, a retention warning), keyed by what it was about.
/// The key is the primary key, so a notice recorded in the same transaction as its outbox rows is sent once even if
/// two nodes run the job at the same time: the second insert fails and takes its emails with it.
/// </summary>
public sealed class SentNotice
{
    /// <summary>"milestone:{consultation}:{milestone}:{instant}", "partner-reminder:...", "retention-warning:...".</summary>
    public required string Key { get; set; }

    public DateTime SentUtc { get; set; }

    /// <summary>How many messages it queued (0 when there was no one to tell).</summary>
    public int Recipients { get; set; }
}

/// <summary>The last run of one job, for /backoffice/jobs: Quartz knows the next run, this knows how the last went.</summary>
public sealed class JobRun
{
    public required string JobName { get; set; }

    public DateTime StartedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }

    public JobRunOutcome Outcome { get; set; }

    /// <summary>What it did, in a line ("Sent 3, retrying 1").</summary>
    public string? Summary { get; set; }

    public string? Error { get; set; }

    public long? DurationMilliseconds { get; set; }

    /// <summary>0–100 while a job that reports progress runs; null for jobs that do not.</summary>
    public int? ProgressPercent { get; set; }

    public string? ProgressMessage { get; set; }
}

public enum JobRunOutcome
{
    Running,
    Succeeded,
    Failed,
}
