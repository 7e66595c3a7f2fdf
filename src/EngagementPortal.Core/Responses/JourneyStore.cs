using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

/// <summary>Finds, starts and saves journeys. A save re-applies the step's change to the latest stored state when
/// another tab saved in between (optimistic concurrency on <see cref="ResponseJourney.Revision"/>), so two tabs
/// never overwrite each other's answers.</summary>
public sealed class JourneyStore(PortalDbContext db, TimeProvider time, DatabaseWriteGate? writeGate = null)
{
    // Compiled once: every step of every journey starts with this lookup, and a compiled query skips EF's per-call
    // work of reading the expression tree and finding its cached plan.
    private static readonly Func<PortalDbContext, string, Guid, DateTime, CancellationToken, Task<ResponseJourney?>> Tracked =
        EF.CompileAsyncQuery((PortalDbContext db, string hash, Guid consultationId, DateTime now, CancellationToken _) =>
            db.ResponseJourneys.SingleOrDefault(j => j.TokenHash == hash && j.ConsultationId == consultationId && j.ExpiresUtc > now));

    private static readonly Func<PortalDbContext, string, Guid, DateTime, CancellationToken, Task<ResponseJourney?>> Untracked =
        EF.CompileAsyncQuery((PortalDbContext db, string hash, Guid consultationId, DateTime now, CancellationToken _) =>
            db.ResponseJourneys.AsNoTracking().SingleOrDefault(j => j.TokenHash == hash && j.ConsultationId == consultationId && j.ExpiresUtc > now));

    /// <param name="track">False for a page that only reads the journey (check your answers, the submit): it is then
    /// not attached, and <see cref="UpdateAsync"/> cannot save it.</param>
    public Task<ResponseJourney?> FindAsync(string? token, Guid consultationId, CancellationToken cancellationToken = default, bool track = true)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return Task.FromResult<ResponseJourney?>(null);
        }

        var hash = Tokens.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        return (track ? Tracked : Untracked)(db, hash, consultationId, now, cancellationToken);
    }

    /// <summary>A new journey (not saved: the caller's <see cref="UpdateAsync"/> saves it with the first step).</summary>
    public (ResponseJourney Journey, string Token) Start(ConsultationVersion version)
    {
        var token = Tokens.New();
        var now = time.GetUtcNow().UtcDateTime;
        var journey = new ResponseJourney
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), // time-ordered (docs/adr/0152)
            TokenHash = Tokens.Hash(token),
            ConsultationId = version.ConsultationId,
            State = new JourneyState().ToJson(),
            CreatedUtc = now,
            UpdatedUtc = now,
            ExpiresUtc = version.ClosesUtc,
        };
        db.ResponseJourneys.Add(journey);
        return (journey, token);
    }

    /// <summary>Applies <paramref name="change"/> to the journey's state and saves it.</summary>
    public async Task<JourneyState> UpdateAsync(ResponseJourney journey, Action<JourneyState> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var state = JourneyState.FromJson(journey.State);
            change(state);
            journey.State = state.ToJson();
            journey.UpdatedUtc = time.GetUtcNow().UtcDateTime;
            journey.Revision++;
            try
            {
                using (writeGate is null ? null : await writeGate.EnterAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return state;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                await db.Entry(journey).ReloadAsync(cancellationToken);
            }
        }
    }
}
