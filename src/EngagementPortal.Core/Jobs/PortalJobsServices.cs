using EngagementPortal.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace EngagementPortal.Core.Jobs;

public static class PortalJobsServices
{
    /// <summary>
    /// The jobs, and Quartz with its store in the portal's database. The scheduler is always registered (the back
    /// office reads next runs and queues "run now" through it); it is started, and the schedules written, only where
    /// <c>Jobs:Enabled</c> is true.
    /// </summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, PortalConnection connection)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.RetentionCron, out _) && CronExpression.TryParse(o.JourneyCleanupCron, out _), "Jobs:RetentionCron and Jobs:JourneyCleanupCron must be Quartz cron expressions.")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<ConfiguredJobs>();
        services.AddScoped<SentNotices>();
        services.AddSingleton<JobRunRecorder>();
        services.AddScoped<JobsOverview>();
        services.AddScoped<OutboxDispatchJob>();
        services.AddScoped<SearchIndexJob>();
        services.AddScoped<ConsultationMilestonesJob>();
        services.AddScoped<PartnerRemindersJob>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<JourneyCleanupJob>();
        services.AddScoped<CollationJob>();

        // Seams later issues fill: partners (who is still to submit), journey (its personal data, its clean-up).
        services.TryAddScoped<IPartnerReminderRecipients, NoPartnerReminderRecipients>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IRespondentPersonalData, OutboxPersonalData>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IRespondentPersonalData, Responses.ResponsePersonalData>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IJourneyCleanup, Responses.ExpiredJourneys>());

        services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store => store.UsePortalDatabase(connection));
        });

        var enabled = configuration.GetValue($"{JobsOptions.Section}:{nameof(JobsOptions.Enabled)}", true);
        if (enabled)
        {
            // Registered before Quartz's own hosted service, so the schedules are in the store before it starts.
            services.AddHostedService<JobScheduleWriter>();
            services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        }

        return services;
    }
}

/// <summary>Writes the catalogue's schedules into Quartz's store at start (see <see cref="JobSchedules"/>), then queues
/// one run of each job that runs at start (the Umbraco sync), so a node serves fresh content soon after it starts
/// without making its start wait on another server.</summary>
internal sealed class JobScheduleWriter(ISchedulerFactory schedulers, ConfiguredJobs jobs) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var definitions = jobs.All;
        await JobSchedules.EnsureAsync(scheduler, definitions, cancellationToken);

        // Queued whatever the stored trigger says. On the very first start its new interval trigger also fires at once,
        // so the job runs twice in a row (never at the same time): harmless for an idempotent job, and simpler than
        // guessing the scheduler's clock.
        foreach (var definition in definitions.Where(d => d.RunsAtStart))
        {
            await scheduler.TriggerJob(JobSchedules.JobKeyFor(definition.Name), new JobDataMap(), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
