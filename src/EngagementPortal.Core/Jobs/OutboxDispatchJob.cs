using EngagementPortal.Core.Email;

namespace EngagementPortal.Core.Jobs;

/// <summary>Sends what is due in the outbox (every few seconds).</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IPortalJob
{
    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
    {
        var run = await dispatcher.DispatchDueAsync(cancellationToken);
        return new JobOutcome($"Sent {run.Sent}, retrying {run.Retrying}, dead-lettered {run.DeadLettered}, in doubt {run.InDoubt}.");
    }
}
