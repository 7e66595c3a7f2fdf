using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Core.Jobs;

/// <summary>Writes <see cref="JobRun"/> rows, each write in its own scope so a failing job's unit of work cannot take its record with it.</summary>
public sealed class JobRunRecorder(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task StartedAsync(string jobName, bool reportsProgress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await UpsertAsync(jobName, run =>
        {
            run.StartedUtc = now;
            run.FinishedUtc = null;
            run.Outcome = JobRunOutcome.Running;
            run.Summary = null;
            run.Error = null;
            run.DurationMilliseconds = null;
            run.ProgressPercent = reportsProgress ? 0 : null;
            run.ProgressMessage = null;
        }, cancellationToken);
    }

    public Task FinishedAsync(string jobName, TimeSpan duration, JobOutcome? outcome, Exception? error) =>
        UpsertAsync(jobName, run =>
        {
            run.FinishedUtc = time.GetUtcNow().UtcDateTime;
            run.Outcome = error is null ? JobRunOutcome.Succeeded : JobRunOutcome.Failed;
            run.Summary = Truncate(outcome?.Summary, 500);
            run.Error = Truncate(error is null ? null : $"{error.GetType().Name}: {error.Message}", 2000);
            run.DurationMilliseconds = (long)duration.TotalMilliseconds;
            run.ProgressPercent = run.ProgressPercent is null ? null : error is null ? 100 : run.ProgressPercent;
        }, CancellationToken.None);

    public async Task ProgressAsync(string jobName, int percent, string? message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var clamped = Math.Clamp(percent, 0, 100);
        var text = Truncate(message, 200);
        await db.JobRuns.Where(r => r.JobName == jobName)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProgressPercent, clamped).SetProperty(r => r.ProgressMessage, text), cancellationToken);
    }

    private async Task UpsertAsync(string jobName, Action<JobRun> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var run = await db.JobRuns.SingleOrDefaultAsync(r => r.JobName == jobName, cancellationToken);
        if (run is null)
        {
            run = new JobRun { JobName = jobName };
            db.JobRuns.Add(run);
        }

        change(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? text, int length) => text is { Length: var n } && n > length ? text[..length] : text;
}

/// <summary>Progress for one running job, written at most once a second (and always at 100%).</summary>
public sealed class RecordedProgress(JobRunRecorder recorder, string jobName, TimeProvider time) : IJobProgress
{
    private long _lastWrite;
    private int _lastPercent = -1;

    public async Task ReportAsync(int percent, string? message, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (percent == _lastPercent || (percent < 100 && _lastWrite != 0 && time.GetElapsedTime(_lastWrite, now) < TimeSpan.FromSeconds(1)))
        {
            return;
        }

        _lastWrite = now;
        _lastPercent = percent;
        await recorder.ProgressAsync(jobName, percent, message, cancellationToken);
    }
}
