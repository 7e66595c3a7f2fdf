using System.Collections.Concurrent;
using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Responses;

/// <summary>
/// The submits prepared and waiting for the database, shared by every request of the process, so that whichever
/// request holds the write gate writes them all in one transaction (group commit, docs/adr/0034).
/// </summary>
public sealed class SubmitQueue
{
    /// <summary>At most this many responses in one transaction, so one request's wait stays short.</summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentQueue<PendingSubmit> _waiting = new();

    /// <summary>How many submits wait to be written.</summary>
    public int Waiting => _waiting.Count;

    internal void Add(PendingSubmit pending) => _waiting.Enqueue(pending);

    internal List<PendingSubmit> Take(int max)
    {
        var batch = new List<PendingSubmit>();
        while (batch.Count < max && _waiting.TryDequeue(out var pending))
        {
            batch.Add(pending);
        }

        return batch;
    }
}

/// <summary>One journey's response, built and waiting to be written; its outcome is set once the write commits.</summary>
internal sealed class PendingSubmit(Guid journeyId, int revision, ConsultationVersion version, JourneyState state, Response response, List<ResponseAnswer> answers, string baseUrl, DateTime now)
{
    private readonly TaskCompletionSource<SubmitResult?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SubmitResult? _decided;

    private PendingSubmit? _copyOf;

    public Guid JourneyId { get; } = journeyId;

    /// <summary>The journey's revision when it was read: a different one at the write means another tab saved since.</summary>
    public int Revision { get; } = revision;

    public ConsultationVersion Version { get; } = version;

    public JourneyState State { get; } = state;

    public Response Response { get; } = response;

    public List<ResponseAnswer> Answers { get; } = answers;

    public string BaseUrl { get; } = baseUrl;

    public DateTime Now { get; } = now;

    public bool IsDone => _outcome.Task.IsCompleted;

    /// <summary>The outcome; null when the journey changed since it was read and must be decided afresh.</summary>
    public Task<SubmitResult?> Outcome => _outcome.Task;

    /// <summary>What this submit's outcome will be once the transaction commits.</summary>
    public void Decide(SubmitResult? outcome) => (_decided, _copyOf) = (outcome, null);

    /// <summary>The same journey is being written by <paramref name="original"/> in this transaction.</summary>
    public void DecideAsCopyOf(PendingSubmit original) => (_decided, _copyOf) = (null, original);

    /// <summary>Called after the commit: the decided outcome becomes the request's answer.</summary>
    public void Complete() =>
        _outcome.TrySetResult(_copyOf is { } original ? new(SubmitOutcome.AlreadySubmitted, original.Response.Reference) : _decided);

    public void Fail(Exception exception) => _outcome.TrySetException(exception);
}
