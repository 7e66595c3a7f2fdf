using EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Jobs;

/// <summary>Adds answers written since the last run to the response search's index (every few seconds,
/// docs/adr/0150).</summary>
public sealed class SearchIndexJob(AnswerTextIndex index) : IPortalJob
{
    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
    {
        var indexed = await index.CatchUpAsync(cancellationToken);
        return new JobOutcome($"Indexed {indexed} answer(s).");
    }
}
