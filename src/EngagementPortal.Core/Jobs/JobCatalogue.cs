namespace EngagementPortal.Core.Jobs;

/// <summary>One scheduled job: its key, what officers read about it, and when it runs.</summary>
public sealed record JobDefinition(string Name, string Title, string Description, Type JobType, JobSchedule Schedule, bool ReportsProgress = false);

public abstract record JobSchedule
{
    public sealed record Every(TimeSpan Interval) : JobSchedule;

    /// <summary>A Quartz cron expression in UK time.</summary>
    public sealed record Cron(string Expression) : JobSchedule;
}

/// <summary>Every job the portal schedules. Later issues (collation) add theirs here.</summary>
public static class JobCatalogue
{
    public const string OutboxDispatch = "outbox-dispatch";
    public const string ConsultationMilestones = "consultation-milestones";
    public const string PartnerReminders = "partner-reminders";
    public const string Retention = "retention";
    public const string JourneyCleanup = "journey-cleanup";
    public const string Collation = "collation";

    public static IReadOnlyList<JobDefinition> All(JobsOptions options) =>
    [
        new(OutboxDispatch, "Send email", "Sends queued email, retries failures with backoff, and moves messages that cannot be sent to the dead letters.", typeof(OutboxDispatchJob), new JobSchedule.Every(options.OutboxDispatchInterval)),
        new(ConsultationMilestones, "Consultation milestones", "Tells officers when a consultation opens, closes or reaches its partnership deadline.", typeof(ConsultationMilestonesJob), new JobSchedule.Every(options.MilestonesInterval)),
        new(PartnerReminders, "Partner reminders", "Reminds invited partner organisations that have not submitted: 7 days and 2 days before the partnership deadline, and at 9am on the day.", typeof(PartnerRemindersJob), new JobSchedule.Every(options.PartnerRemindersInterval)),
        new(Retention, "Retention", "Erases respondents' personal data the configured number of months after a consultation closes, after telling officers.", typeof(RetentionJob), new JobSchedule.Cron(options.RetentionCron), ReportsProgress: true),
        new(JourneyCleanup, "Journey clean-up", "Removes expired save-and-return links and abandoned response journeys.", typeof(JourneyCleanupJob), new JobSchedule.Cron(options.JourneyCleanupCron)),
        new(Collation, "Collation", "Collates each consultation's responses into a snapshot for the partnership response: nightly while open, before the partnership deadline, at close, and when an officer presses \"Collate now\". Failures are retried and officers told.", typeof(CollationJob), new JobSchedule.Every(options.CollationInterval), ReportsProgress: true),
    ];
}
