using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Core.Jobs;

/// <summary>The scheduler (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False on a node that must not run jobs (a web-only node when dedicated job nodes run the same binary).
    /// The back office still shows the jobs and "run now" still queues a run for a job node.</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutboxDispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan MilestonesInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan PartnerRemindersInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the collation job looks for "collate now" requests and scheduled collations that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan CollationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often answers written since the last run are added to the response search's index (a search
    /// catches up first anyway; this keeps that wait short).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SearchIndexInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quartz cron (seconds first), in UK time: retention at 02:30 every night.</summary>
    [Required]
    public string RetentionCron { get; set; } = "0 30 2 * * ?";

    /// <summary>Quartz cron, in UK time: expired save-and-return links and abandoned journeys, every hour.</summary>
    [Required]
    public string JourneyCleanupCron { get; set; } = "0 15 * * * ?";

    /// <summary>A milestone older than this when first seen (say a portal installed long after a consultation
    /// closed) is not announced: officers hear about what has just happened, not history.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan MilestoneLookback { get; set; } = TimeSpan.FromDays(2);
}

/// <summary>How long respondents' personal data is kept (section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Months after a consultation closes before respondents' personal data is erased.</summary>
    [Range(1, 240)]
    public int MonthsAfterClose { get; set; } = 12;

    /// <summary>Days' notice officers get before an erasure; an erasure never happens sooner than this after the notice.</summary>
    [Range(1, 90)]
    public int WarningDays { get; set; } = 14;
}
