using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace EngagementPortal.Core.Jobs;

/// <summary>One job as the back office shows it.</summary>
public sealed record JobStatus(JobDefinition Definition, JobRun? LastRun, DateTimeOffset? NextRunUtc);

public enum RunNowResult
{
    Queued,
    UnknownJob,

    /// <summary>The job is not in the scheduler's store yet (no node with Jobs:Enabled has started).</summary>
    NotScheduled,
}

/// <summary>What /backoffice/jobs reads and does: the catalogue, each job's last run and next run, "run now".</summary>
public sealed class JobsOverview(PortalDbContext db, ISchedulerFactory schedulers, ConfiguredJobs jobs)
{
    public bool RunsOnThisNode => jobs.Options.Enabled;

    public JobDefinition? Find(string name) => jobs.Find(name);

    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = await db.JobRuns.AsNoTracking().ToDictionaryAsync(r => r.JobName, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var statuses = new List<JobStatus>();
        foreach (var definition in jobs.All)
        {
            var trigger = await scheduler.GetTrigger(JobSchedules.TriggerKeyFor(definition.Name), cancellationToken);
            statuses.Add(new JobStatus(definition, runs.GetValueOrDefault(definition.Name), trigger?.NextFireTimeUtc));
        }

        return statuses;
    }

    /// <summary>Queues one run now through the scheduler, so it is still never two at once and is recorded like any run.</summary>
    public async Task<RunNowResult> RunNowAsync(string name, CancellationToken cancellationToken)
    {
        if (jobs.Find(name) is null)
        {
            return RunNowResult.UnknownJob;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = JobSchedules.JobKeyFor(name);
        if (await scheduler.GetJobDetail(key, cancellationToken) is null)
        {
            return RunNowResult.NotScheduled;
        }

        await scheduler.TriggerJob(key, new JobDataMap(), cancellationToken);
        return RunNowResult.Queued;
    }
}
