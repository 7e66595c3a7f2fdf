namespace EngagementPortal.Core.Jobs;

/// <summary>What a run did, in a line for the back office.</summary>
public sealed record JobOutcome(string Summary);

/// <summary>Lets a long job say how far it has got (the back office shows a progress bar).</summary>
public interface IJobProgress
{
    Task ReportAsync(int percent, string? message, CancellationToken cancellationToken);
}

/// <summary>A progress sink that records nothing, for running a job outside the scheduler.</summary>
public sealed class NoProgress : IJobProgress
{
    public static readonly NoProgress Instance = new();

    public Task ReportAsync(int percent, string? message, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A scheduled job as a plain class: idempotent (safe to run twice, safe after a restart), time from an injected
/// TimeProvider, no Quartz types, so tests call <see cref="RunAsync"/> directly. <see cref="QuartzJob{TJob}"/> runs it
/// on schedule.
/// </summary>
public interface IPortalJob
{
    Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken);
}
