using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Jobs;

/// <summary>One scheduled job: its key, what officers read about it, and when it runs. <paramref name="RunsAtStart"/>
/// queues one run whenever a node with jobs switched on starts, as well as on schedule.</summary>
public sealed record JobDefinition(string Name, string Title, string Description, Type JobType, JobSchedule Schedule, bool ReportsProgress = false, bool RunsAtStart = false);

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
    public const string UmbracoSync = "umbraco-sync";
    public const string Collation = "collation";
    public const string SearchIndex = "search-index";

    /// <param name="umbracoSyncEvery">Content:Umbraco:SyncEvery when Content:Source is UmbracoDelivery; otherwise null,
    /// and the sync is not scheduled at all.</param>
    public static IReadOnlyList<JobDefinition> All(JobsOptions options, TimeSpan? umbracoSyncEvery = null) =>
    [
        new(OutboxDispatch, "Send email", "Sends queued email, retries failures with backoff, and moves messages that cannot be sent to the dead letters.", typeof(OutboxDispatchJob), new JobSchedule.Every(options.OutboxDispatchInterval)),
        new(ConsultationMilestones, "Consultation milestones", "Tells officers when a consultation opens, closes or reaches its partnership deadline.", typeof(ConsultationMilestonesJob), new JobSchedule.Every(options.MilestonesInterval)),
        new(PartnerReminders, "Partner reminders", "Reminds invited partner organisations that have not submitted: 7 days and 2 days before the partnership deadline, and at 9am on the day.", typeof(PartnerRemindersJob), new JobSchedule.Every(options.PartnerRemindersInterval)),
        new(Retention, "Retention", "Erases respondents' personal data the configured number of months after a consultation closes, after telling officers.", typeof(RetentionJob), new JobSchedule.Cron(options.RetentionCron), ReportsProgress: true),
        new(JourneyCleanup, "Journey clean-up", "Removes expired save-and-return links and abandoned response journeys.", typeof(JourneyCleanupJob), new JobSchedule.Cron(options.JourneyCleanupCron)),
        new(Collation, "Collation", "Collates each consultation's responses into a snapshot for the partnership response: nightly while open, before the partnership deadline, at close, and when an officer presses \"Collate now\". Failures are retried and officers told.", typeof(CollationJob), new JobSchedule.Every(options.CollationInterval), ReportsProgress: true),
        new(SearchIndex, "Search index", "Adds answers written since its last run to the back office's response search (a search also does this first, so it never misses an answer).", typeof(SearchIndexJob), new JobSchedule.Every(options.SearchIndexInterval)),
        .. umbracoSyncEvery is { } every
            ? [new JobDefinition(UmbracoSync, "Umbraco sync", "Reads every consultation published in Umbraco and brings changes into the portal; Umbraco's webhook covers the time between runs.", typeof(Content.Umbraco.UmbracoSyncJob), new JobSchedule.Every(every), RunsAtStart: true)]
            : Array.Empty<JobDefinition>(),
    ];
}

/// <summary>The catalogue as this node's configuration makes it (the Umbraco sync only when Umbraco is the source).</summary>
public sealed class ConfiguredJobs(IOptions<JobsOptions> jobs, IOptions<Content.ContentOptions> content, IOptions<Content.Umbraco.UmbracoDeliveryOptions> umbraco)
{
    public JobsOptions Options => jobs.Value;

    public IReadOnlyList<JobDefinition> All => JobCatalogue.All(jobs.Value, content.Value.IsUmbraco ? umbraco.Value.SyncEvery : null);

    public JobDefinition? Find(string name) => All.SingleOrDefault(d => d.Name == name);
}
