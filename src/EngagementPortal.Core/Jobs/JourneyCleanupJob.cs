namespace EngagementPortal.Core.Jobs;

/// <summary>Something that keeps short-lived respondent state (save-and-return links, journeys in progress) and can
/// remove what has expired. The journey issue implements it over its own tables.</summary>
public interface IJourneyCleanup
{
    string Name { get; }

    /// <summary>Removes what expired before <paramref name="nowUtc"/>; returns how many records went.</summary>
    Task<int> RemoveExpiredAsync(DateTime nowUtc, CancellationToken cancellationToken);
}

/// <summary>Removes expired save-and-return links and abandoned journeys, through every registered <see cref="IJourneyCleanup"/>.</summary>
public sealed class JourneyCleanupJob(IEnumerable<IJourneyCleanup> cleanups, TimeProvider time) : IPortalJob
{
    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var parts = new List<string>();
        foreach (var cleanup in cleanups)
        {
            var removed = await cleanup.RemoveExpiredAsync(now, cancellationToken);
            parts.Add($"{cleanup.Name}: {removed} removed");
        }

        return new JobOutcome(parts.Count == 0 ? "Nothing registered to clean up." : string.Join("; ", parts) + ".");
    }
}
