namespace EngagementPortal.Core.Data;

/// <summary>
/// Queues the portal's own write transactions on SQLite in memory, one at a time, without holding a thread. SQLite
/// has a single writer, and Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms on the request's thread
/// and trying again: under a burst of submits that blocked the thread pool and put p99 over a second
/// (docs/adr/0007). Waiting here costs a queue slot instead. Other providers take their own row locks: no gate.
/// </summary>
public sealed class DatabaseWriteGate
{
    private readonly SemaphoreSlim? gate;

    public DatabaseWriteGate(PortalConnection connection)
    {
        gate = connection.Provider == PortalConnection.Sqlite ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>Waits for the gate, at most <paramref name="timeout"/> (then goes on and lets the database decide, as
    /// it would without the gate). Dispose the result to let the next writer in.</summary>
    public async ValueTask<IDisposable> EnterAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (gate is null || !await gate.WaitAsync(timeout, cancellationToken))
        {
            return Passage.Empty;
        }

        return new Passage(gate);
    }

    /// <summary>Waits for the gate at most 30 seconds, SQLite's default command timeout here.</summary>
    public ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken = default) =>
        EnterAsync(TimeSpan.FromSeconds(30), cancellationToken);

    private sealed class Passage(SemaphoreSlim? gate) : IDisposable
    {
        public static readonly Passage Empty = new(null);

        private SemaphoreSlim? gate = gate;

        public void Dispose() => Interlocked.Exchange(ref gate, null)?.Release();
    }
}
