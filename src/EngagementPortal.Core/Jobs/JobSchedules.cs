using EngagementPortal.Core.Time;
using Quartz;

namespace EngagementPortal.Core.Jobs;

/// <summary>
/// Puts the catalogue's jobs and triggers into Quartz's store. A trigger already stored with the same schedule is
/// left alone, so the next-fire time it kept while the portal was down survives and Quartz treats the missed run as
/// a misfire (run once on start). Only a changed schedule replaces its trigger.
/// </summary>
public static class JobSchedules
{
    public const string Group = "portal";

    public static JobKey JobKeyFor(string name) => new(name, Group);

    public static TriggerKey TriggerKeyFor(string name) => new(name, Group);

    public static Task EnsureAsync(IScheduler scheduler, IReadOnlyList<JobDefinition> definitions, CancellationToken cancellationToken) =>
        EnsureAsync(scheduler, definitions, typeof(PortalQuartzJob), cancellationToken);

    /// <summary>The same with another Quartz job type (tests count runs with one of their own).</summary>
    internal static async Task EnsureAsync(IScheduler scheduler, IReadOnlyList<JobDefinition> definitions, Type quartzJobType, CancellationToken cancellationToken)
    {
        // A job no longer in the catalogue (the Umbraco sync after Content:Source changed back) loses its trigger,
        // rather than firing for ever into "no such job".
        foreach (var stored in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken))
        {
            if (definitions.All(d => d.Name != stored.Name))
            {
                await scheduler.DeleteJob(stored, cancellationToken);
            }
        }

        foreach (var definition in definitions)
        {
            var job = JobBuilder.Create().OfType(quartzJobType)
                .WithIdentity(JobKeyFor(definition.Name))
                .WithDescription(definition.Title)
                .StoreDurably()
                .Build();
            var trigger = Trigger(definition);
            var existing = await scheduler.GetTrigger(trigger.Key, cancellationToken);
            if (existing is null)
            {
                await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
            }
            else if (!SameSchedule(existing, definition.Schedule))
            {
                await scheduler.RescheduleJob(trigger.Key, trigger, cancellationToken);
            }
        }
    }

    /// <summary>Misfires (the portal was down when a run was due) fire once when it comes back: never skipped, never
    /// repeated for every missed run.</summary>
    public static ITrigger Trigger(JobDefinition definition)
    {
        var builder = TriggerBuilder.Create().WithIdentity(TriggerKeyFor(definition.Name)).ForJob(JobKeyFor(definition.Name)).WithDescription(definition.Title);
        return definition.Schedule switch
        {
            JobSchedule.Every every => builder.StartNow()
                .WithSimpleSchedule(s => s.WithInterval(every.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
                .Build(),
            JobSchedule.Cron cron => builder
                .WithCronSchedule(cron.Expression, s => s.InTimeZone(UkTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build(),
            _ => throw new InvalidOperationException($"Unknown schedule {definition.Schedule}."),
        };
    }

    private static bool SameSchedule(ITrigger existing, JobSchedule schedule) => (existing, schedule) switch
    {
        (ISimpleTrigger simple, JobSchedule.Every every) => simple.RepeatInterval == every.Interval && simple.RepeatCount == -1,
        (ICronTrigger cron, JobSchedule.Cron expected) => cron.CronExpressionString == expected.Expression && cron.TimeZone.Id == UkTime.Zone.Id,
        _ => false,
    };
}
