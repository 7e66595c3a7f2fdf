using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Collation;

/// <summary>What one collation produced: the snapshot, the state to continue from, and what this run took in.</summary>
public sealed record CollationOutcome(CollationSnapshot Snapshot, CollationState State, int Added, int Changed, int Removed)
{
    /// <summary>The snapshot's content as written for its hash, so that storing it does not serialise it again
    /// (<see cref="SnapshotJson.Serialize(CollationSnapshot, SnapshotJson.ContentJson)"/>). Tens of MB at 100,000
    /// responses: let the outcome go once stored.</summary>
    public SnapshotJson.ContentJson? ContentJson { get; init; }
}

/// <summary>
/// Collates a consultation's responses into a snapshot. A full run streams every response once; an
/// incremental run starts from the previous run's state and streams only new and changed responses
/// (and the ids of deleted ones). Both end in <see cref="Build"/>, which reads the state in
/// response-id order, so the two give the same content hash for the same current responses.
/// </summary>
public sealed class Collator(TimeProvider time)
{
    /// <summary>
    /// Breakdowns counted apart from the responses (the equality monitoring profile, docs/adr/0132), added after the
    /// collator's own before the content is hashed, so the hash is computed once (RespondentProfile.AddTo hashes again).
    /// </summary>
    public IReadOnlyList<Breakdown> Profile { get; init; } = [];

    public async Task<CollationOutcome> CollateAsync(CollationDefinition definition, CollationOptions options, IAsyncEnumerable<CollationAnswerSet> responses, CancellationToken cancellationToken = default)
    {
        var state = new CollationState(definition, Copy(options), new TermInterner(), new Dictionary<string, ResponseContribution>(StringComparer.Ordinal), DateTimeOffset.MinValue);
        return await IngestAsync(state, responses, [], cancellationToken);
    }

    public Task<CollationOutcome> CollateAsync(CollationDefinition definition, CollationOptions options, IEnumerable<CollationAnswerSet> responses, CancellationToken cancellationToken = default) =>
        CollateAsync(definition, options, responses.ToAsyncEnumerable(), cancellationToken);

    /// <summary>Continues from <paramref name="previous"/> with only new or changed responses. The previous state's
    /// responses are left as they were; its near-duplicate indexes are handed over to the new state
    /// (<see cref="CollationState.HandOverIndexes"/>).</summary>
    public async Task<CollationOutcome> UpdateAsync(CollationState previous, IAsyncEnumerable<CollationAnswerSet> changed, IReadOnlyCollection<string> removedIds, CancellationToken cancellationToken = default)
    {
        var state = new CollationState(previous.Definition, previous.Options, previous.Terms.Copy(), new Dictionary<string, ResponseContribution>(previous.Responses, StringComparer.Ordinal), previous.Watermark, previous.HandOverIndexes());
        return await IngestAsync(state, changed, removedIds, cancellationToken);
    }

    public Task<CollationOutcome> UpdateAsync(CollationState previous, IEnumerable<CollationAnswerSet> changed, IReadOnlyCollection<string>? removedIds = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(previous, changed.ToAsyncEnumerable(), removedIds ?? [], cancellationToken);

    private async Task<CollationOutcome> IngestAsync(CollationState state, IAsyncEnumerable<CollationAnswerSet> responses, IReadOnlyCollection<string> removedIds, CancellationToken cancellationToken)
    {
        int added = 0, changedCount = 0, removed = 0;
        var watermark = state.Watermark;
        // Batches: reducing (tokens, MinHash) runs in parallel, storing in stream order.
        const int batchSize = 1024;
        var batch = new List<CollationAnswerSet>(batchSize);
        void Flush()
        {
            var reduced = new ResponseContribution[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => reduced[i] = state.Reduce(batch[i]));
            for (var i = 0; i < reduced.Length; i++)
            {
                var set = batch[i];
                if (state.Responses.ContainsKey(set.ResponseId))
                {
                    changedCount++;
                }
                else
                {
                    added++;
                }

                state.Responses[set.ResponseId] = reduced[i];
                if (set.UpdatedAt > watermark)
                {
                    watermark = set.UpdatedAt;
                }
            }

            batch.Clear();
        }

        await foreach (var set in responses.WithCancellation(cancellationToken))
        {
            batch.Add(set);
            if (batch.Count == batchSize)
            {
                Flush();
            }
        }

        Flush();

        foreach (var id in removedIds)
        {
            if (state.Responses.Remove(id))
            {
                removed++;
            }
        }

        var final = new CollationState(state.Definition, state.Options, state.Terms, state.Responses, watermark, state.TakeSeed());
        var (snapshot, json) = Build(final, time.GetUtcNow(), Profile);
        return new CollationOutcome(snapshot, final, added, changedCount, removed) { ContentJson = json };
    }

    public static CollationSnapshot Build(CollationState state, DateTimeOffset takenAt) => Build(state, takenAt, []).Snapshot;

    /// <summary>The snapshot of <paramref name="state"/> with <paramref name="profile"/> after its breakdowns (the content
    /// <see cref="RespondentProfile.AddTo"/> gives), and that content's JSON, written once for the hash and for storing.</summary>
    public static (CollationSnapshot Snapshot, SnapshotJson.ContentJson Json) Build(CollationState state, DateTimeOffset takenAt, IReadOnlyList<Breakdown> profile)
    {
        var content = RespondentProfile.AddTo(SnapshotBuilder.Build(state), profile);
        using var phase = CollationTrace.Phase("hash");
        var json = SnapshotJson.WriteContent(content);
        return (new CollationSnapshot(takenAt, json.Hash, content), json);
    }

    /// <summary>SHA-256 of the content serialised as JSON (fixed property order, invariant number format), lower-case hex.</summary>
    public static string Hash(CollationContent content)
    {
        using var phase = CollationTrace.Phase("hash");
        return SnapshotJson.Hash(content);
    }

    private static CollationOptions Copy(CollationOptions o) => new()
    {
        NearDuplicateThreshold = o.NearDuplicateThreshold,
        CampaignMinimumSubmissions = o.CampaignMinimumSubmissions,
        SuppressBelow = o.SuppressBelow,
        QuotesPerTheme = o.QuotesPerTheme,
        ThemeSeed = o.ThemeSeed,
        ThemeSampleLimit = o.ThemeSampleLimit,
    };
}
