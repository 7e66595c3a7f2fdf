using System.Collections.Concurrent;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Collation;

/// <summary>How one collation ended. A failure is an outcome (recorded on its run), not an exception. <see cref="Run"/> is the
/// run's record without its stored JSON (<see cref="CollationRun.SnapshotJson"/> is null here: read it from the database).</summary>
public sealed record CollationRunResult(CollationRun? Run, CollationSnapshot? Snapshot, bool Incremental, string? Problem)
{
    public bool Succeeded => Run?.Status == CollationRunStatus.Succeeded;
}

/// <summary>
/// The last state each consultation's collation reached, keyed by the run that produced it, so the next run can read
/// only what changed. One per process: after a restart (or on another node) the next run is a full one, which gives
/// the same hash (docs/adr/0040), only slower.
/// </summary>
public sealed class CollationStateCache
{
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();

    internal sealed record Entry(Guid RunId, CollationSource Source, CollationState State);

    /// <summary>The state to continue from: only if it came from <paramref name="previousRunId"/> over inputs that still
    /// read every response the same way. New themes and new partner submissions are fine (a response they touch is
    /// re-read through its UpdatedUtc); a renamed theme or a partner's changed details are not.</summary>
    internal CollationState? Find(Guid consultationId, Guid previousRunId, CollationSource source)
    {
        if (!entries.TryGetValue(consultationId, out var entry) || entry.RunId != previousRunId || entry.Source.Fingerprint != source.Fingerprint)
        {
            return null;
        }

        var themesKept = entry.Source.ThemeNames.All(p => source.ThemeNames.TryGetValue(p.Key, out var name) && name == p.Value);
        var partnersKept = entry.Source.Partners.ByPartnerSubmissionId.All(p => source.Partners.ByPartnerSubmissionId.TryGetValue(p.Key, out var details) && details == p.Value);
        return themesKept && partnersKept ? entry.State : null;
    }

    internal void Keep(Guid consultationId, Guid runId, CollationSource source, CollationState state) =>
        entries[consultationId] = new Entry(runId, source, state);

    public void Forget(Guid consultationId) => entries.TryRemove(consultationId, out _);

    public bool Holds(Guid consultationId) => entries.ContainsKey(consultationId);
}

/// <summary>
/// Runs one collation of a consultation and records it as a <see cref="CollationRun"/>: running with its progress as
/// responses stream in, then succeeded with the snapshot, or failed with the error. Incremental when this process
/// holds the state of the consultation's latest successful run over the same inputs; otherwise full. Each write to
/// the run row uses a unit of work of its own, so a failure mid-way cannot take the record of it with it.
/// </summary>
public sealed class CollationRunner(CollationReader reader, IServiceScopeFactory scopes, CollationStateCache cache, IOptions<CollationOptions> options, TimeProvider time)
{
    /// <summary>Incremental runs re-read a little before the watermark: a response committed late with an earlier
    /// UpdatedUtc is not missed, and reading one again only replaces it with itself.</summary>
    public static readonly TimeSpan WatermarkOverlap = TimeSpan.FromMinutes(2);

    private const int ReadingShare = 80;

    /// <summary>Two of the collator's batches (1,024 each): enough to keep both sides busy, a few MB at most.</summary>
    private const int ReadAheadResponses = 2048;

    /// <summary>Collates now. <paramref name="queuedRunId"/> takes over a run queued by "collate now" instead of adding one.</summary>
    public async Task<CollationRunResult> RunAsync(Guid consultationId, CollationTrigger trigger, Guid? queuedRunId = null, IJobProgress? progress = null, CancellationToken cancellationToken = default)
    {
        progress ??= NoProgress.Instance;
        var run = await StartAsync(consultationId, trigger, queuedRunId, cancellationToken);
        try
        {
            var source = await reader.OpenAsync(consultationId, cancellationToken);
            if (source is null)
            {
                return await FailAsync(run, "The consultation has no version to collate.");
            }

            var previous = await LatestSucceededAsync(consultationId, cancellationToken);

            // Who responded by equality group comes from the unlinked monitoring rows, not the collator's state, so it is
            // added to full and incremental runs alike and the hash stays the same either way (docs/adr/0132).
            var profile = RespondentProfile.Breakdowns(await reader.CountEqualityAsync(consultationId, cancellationToken), options.Value.SuppressBelow);
            var collator = new Collator(time) { Profile = profile };
            var outcome = previous is null ? null : await ContinueAsync(collator, source, previous.Id, run.Id, progress, cancellationToken);
            var incremental = outcome is not null;
            if (outcome is null)
            {
                // The cached state cannot be continued from: let it go before the new one is built, so the process never
                // holds two states of this consultation at once (about 450 MB each at 100,000 responses).
                cache.Forget(consultationId);
                var total = await reader.CountAsync(consultationId, null, cancellationToken);
                outcome = await collator.CollateAsync(source.Definition, options.Value, Tracked(reader.ReadAsync(source, null, cancellationToken), total, run.Id, progress, cancellationToken), cancellationToken);
            }

            await progress.ReportAsync(100, "Saving the snapshot", cancellationToken);
            ReturnBuildMemory();
            var finished = await SucceedAsync(run, outcome);
            cache.Keep(consultationId, run.Id, source, outcome.State);
            return new CollationRunResult(finished, outcome.Snapshot, incremental, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(run, $"{e.GetType().Name}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            await FailAsync(run, "Stopped: the portal was shutting down.");
            throw;
        }
    }

    /// <summary>
    /// The snapshot build leaves hundreds of MB of dead arrays (TF-IDF vectors, clustering, signatures) at 100,000
    /// responses. One blocking, compacting collection here returns them to the operating system before storing adds the
    /// snapshot's JSON (tens of MB, twice: the string and SQLite's UTF-8 copy) on top, and the portal's process does not
    /// sit at its collation peak until the next collection happens to come (docs/adr/0148).
    /// </summary>
    private static void ReturnBuildMemory()
    {
        using var phase = CollationTrace.Phase("store.collect");
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>The incremental run from the cached state, or null when there is none to continue from or the result
    /// cannot be trusted. A method of its own so that nothing of a rejected attempt outlives it.</summary>
    private async Task<CollationOutcome?> ContinueAsync(Collator collator, CollationSource source, Guid previousRunId, Guid runId, IJobProgress progress, CancellationToken cancellationToken)
    {
        var state = cache.Find(source.ConsultationId, previousRunId, source);
        if (state is null || state.Watermark == DateTimeOffset.MinValue)
        {
            return null;
        }

        var since = state.Watermark.UtcDateTime - WatermarkOverlap;
        var changed = await reader.CountAsync(source.ConsultationId, since, cancellationToken);
        var candidate = await collator.UpdateAsync(state, Tracked(reader.ReadAsync(source, since, cancellationToken), changed, runId, progress, cancellationToken), [], cancellationToken);

        // Responses are never deleted by the portal's own actions, but a data request or a retention erasure may
        // remove one: the counts then disagree and a full run puts it right.
        return candidate.State.ResponseCount == await reader.CountAsync(source.ConsultationId, null, cancellationToken) ? candidate : null;
    }

    private async IAsyncEnumerable<CollationAnswerSet> Tracked(IAsyncEnumerable<CollationAnswerSet> responses, int total, Guid runId, IJobProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = 0;
        var reported = 0;
        await foreach (var set in ReadAhead(responses, cancellationToken))
        {
            yield return set;
            read++;
            var percent = total == 0 ? ReadingShare : (int)Math.Min(ReadingShare, (long)read * ReadingShare / total);
            if (percent > reported)
            {
                reported = percent;
                await ProgressAsync(runId, percent, cancellationToken);
                await progress.ReportAsync(percent, $"Read {read:N0} of {total:N0} responses", cancellationToken);
            }
        }

        await ProgressAsync(runId, ReadingShare, cancellationToken);
        await progress.ReportAsync(ReadingShare, "Collating tallies, themes and campaigns", cancellationToken);
    }

    /// <summary>
    /// Reads the database on a task of its own, a bounded distance ahead of the collator: the query's rows are turned into
    /// answer sets while the collator reduces the previous batch on the other core, instead of one waiting for the other.
    /// </summary>
    private static async IAsyncEnumerable<CollationAnswerSet> ReadAhead(IAsyncEnumerable<CollationAnswerSet> responses, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<CollationAnswerSet>(new BoundedChannelOptions(ReadAheadResponses) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var set in responses.WithCancellation(stop.Token))
                    {
                        await channel.Writer.WriteAsync(set, stop.Token);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var set))
                {
                    yield return set;
                }
            }
        }
        finally
        {
            // Stopped early (a failure or shutdown): the reader stops too, and its connection is closed before we return.
            await stop.CancelAsync();
            await producer;
        }
    }

    private async Task<CollationRun?> LatestSucceededAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.Status == CollationRunStatus.Succeeded)
            .OrderByDescending(r => r.FinishedUtc)
            .Select(r => new CollationRun { Id = r.Id, ConsultationId = r.ConsultationId, FinishedUtc = r.FinishedUtc })
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<CollationRun> StartAsync(Guid consultationId, CollationTrigger trigger, Guid? queuedRunId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var run = queuedRunId is { } id ? await db.CollationRuns.SingleOrDefaultAsync(r => r.Id == id && r.ConsultationId == consultationId, cancellationToken) : null;
        if (run is null)
        {
            run = new CollationRun { Id = Guid.NewGuid(), ConsultationId = consultationId, Trigger = trigger };
            db.CollationRuns.Add(run);
        }

        run.Status = CollationRunStatus.Running;
        run.StartedUtc = time.GetUtcNow().UtcDateTime;
        run.ProgressPercent = 0;
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task ProgressAsync(Guid runId, int percent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.CollationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ProgressPercent, percent), cancellationToken);
    }

    private async Task<CollationRun> SucceedAsync(CollationRun run, CollationOutcome outcome)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.CollationRuns.SingleAsync(r => r.Id == run.Id);
        stored.Status = CollationRunStatus.Succeeded;
        stored.FinishedUtc = time.GetUtcNow().UtcDateTime;
        stored.ProgressPercent = 100;
        stored.Error = null;
        stored.ResponsesCounted = outcome.State.ResponseCount;
        stored.WatermarkUtc = outcome.State.Watermark == DateTimeOffset.MinValue ? null : outcome.State.Watermark.UtcDateTime;
        stored.ContentHash = outcome.Snapshot.ContentHash;
        using (CollationTrace.Phase("store.serialise"))
        {
            stored.SnapshotJson = outcome.ContentJson is { } written ? SnapshotJson.Serialize(outcome.Snapshot, written) : SnapshotJson.Serialize(outcome.Snapshot);
        }

        await db.SaveChangesAsync(CancellationToken.None);

        // The result carries the snapshot itself. Its stored JSON (tens of MB at 100,000 responses) stays in the database
        // only, instead of living on with the result until the next collection after the caller is done with it.
        stored.SnapshotJson = null;
        return stored;
    }

    private async Task<CollationRunResult> FailAsync(CollationRun run, string problem)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.CollationRuns.SingleAsync(r => r.Id == run.Id);
        stored.Status = CollationRunStatus.Failed;
        stored.FinishedUtc = time.GetUtcNow().UtcDateTime;
        stored.Error = problem.Length > 2000 ? problem[..2000] : problem;
        await db.SaveChangesAsync(CancellationToken.None);
        return new CollationRunResult(stored, null, false, stored.Error);
    }
}
