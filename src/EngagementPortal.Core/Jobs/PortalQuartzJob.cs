using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace EngagementPortal.Core.Jobs;

/// <summary>
/// The one Quartz job type: it looks the job up in <see cref="JobCatalogue"/> by its key, runs the plain class in a
/// scope of its own, and records the run. One type keeps Quartz's stored class name stable whatever jobs are added.
/// Never two runs of a job at once on a node (and, with clustering, across nodes).
/// </summary>
[DisallowConcurrentExecution]
public sealed class PortalQuartzJob(IServiceScopeFactory scopes, JobRunRecorder recorder, ConfiguredJobs jobs, TimeProvider time, ILogger<PortalQuartzJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.JobDetail.Key.Name;
        var definition = jobs.Find(name);
        if (definition is null)
        {
            logger.LogWarning("No job called {Job} in the catalogue; a trigger left from an older version?", name);
            return;
        }

        await RunAsync(definition, scopes, recorder, time, logger, cancellationToken);
    }

    /// <summary>Runs one job and records it; a failure is recorded and logged, not thrown, so the next run simply tries again.</summary>
    public static async Task RunAsync(JobDefinition definition, IServiceScopeFactory scopes, JobRunRecorder recorder, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await recorder.StartedAsync(definition.Name, definition.ReportsProgress, cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = (IPortalJob)scope.ServiceProvider.GetRequiredService(definition.JobType);
            var outcome = await job.RunAsync(new RecordedProgress(recorder, definition.Name, time), cancellationToken);
            await recorder.FinishedAsync(definition.Name, stopwatch.Elapsed, outcome, null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Job} failed", definition.Name);
            await recorder.FinishedAsync(definition.Name, stopwatch.Elapsed, null, e);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }
        }
    }
}
