using EngagementPortal.Core.Time;

namespace EngagementPortal.Core.Collation;

/// <summary>A scheduled collation that should run now: which, for which instant, and which attempt.</summary>
public sealed record CollationDue(CollationTrigger Trigger, DateTime SlotUtc, int Attempt);

/// <summary>A scheduled collation whose attempts all failed: officers are told, and it is not tried again by itself.</summary>
public sealed record CollationGaveUp(CollationTrigger Trigger, DateTime SlotUtc, int Attempts);

/// <summary>
/// When a consultation's scheduled collations fall due, worked out from its dates and its past runs rather than kept
/// in the scheduler: a run missed while the portal was down, or one that failed, is simply still due (within
/// <see cref="CollationOptions.CatchUpWindow"/>), so nothing is missed silently and nothing runs twice.
/// </summary>
public static class CollationSchedule
{
    /// <summary>The most recent instant of each kind of scheduled run at or before <paramref name="nowUtc"/>, newest kind first.</summary>
    public static IReadOnlyList<(CollationTrigger Trigger, DateTime SlotUtc)> Slots(DateTime opensUtc, DateTime closesUtc, DateTime? partnershipDeadlineUtc, DateTime nowUtc, CollationOptions options)
    {
        var slots = new List<(CollationTrigger, DateTime)>();
        if (closesUtc <= nowUtc)
        {
            slots.Add((CollationTrigger.AtClose, closesUtc));
        }

        if (partnershipDeadlineUtc is { } deadline && deadline.AddHours(-options.FinalLeadHours) is var final && final <= nowUtc && opensUtc <= nowUtc)
        {
            slots.Add((CollationTrigger.FinalBeforeDeadline, final < opensUtc ? opensUtc : final));
        }

        var nightly = LastNightly(nowUtc, options.NightlyAtUkTime);
        if (nightly >= opensUtc && nightly < closesUtc)
        {
            slots.Add((CollationTrigger.Nightly, nightly));
        }

        return slots.Where(s => nowUtc - s.Item2 <= options.CatchUpWindow).ToList();
    }

    /// <summary>The nightly time on the UK wall clock, today or yesterday, whichever is the latest not after now.</summary>
    public static DateTime LastNightly(DateTime nowUtc, TimeOnly atUkTime)
    {
        var today = UkTime.ToUk(nowUtc).Date;
        var slot = UkTime.FromUk(today + atUkTime.ToTimeSpan());
        return slot <= nowUtc ? slot : UkTime.FromUk(today.AddDays(-1) + atUkTime.ToTimeSpan());
    }

    /// <summary>The first scheduled collation due now, if any; and any whose retries are used up (for telling officers).</summary>
    public static (CollationDue? Due, IReadOnlyList<CollationGaveUp> GaveUp) Evaluate(
        IReadOnlyList<(CollationTrigger Trigger, DateTime SlotUtc)> slots, IReadOnlyList<CollationRun> runs, DateTime nowUtc, CollationOptions options)
    {
        CollationDue? due = null;
        var gaveUp = new List<CollationGaveUp>();
        foreach (var (trigger, slot) in slots)
        {
            var since = runs.Where(r => r.Trigger == trigger && r.StartedUtc >= slot).ToList();
            if (since.Any(r => r.Status is CollationRunStatus.Succeeded or CollationRunStatus.Running))
            {
                continue;
            }

            var failed = since.Where(r => r.Status == CollationRunStatus.Failed).OrderBy(r => r.FinishedUtc ?? r.StartedUtc).ToList();
            if (failed.Count > options.RetryAttempts)
            {
                gaveUp.Add(new CollationGaveUp(trigger, slot, failed.Count));
                continue;
            }

            var nextAt = failed.Count == 0 ? slot : (failed[^1].FinishedUtc ?? failed[^1].StartedUtc) + RetryDelay(failed.Count, options);
            if (due is null && nextAt <= nowUtc)
            {
                due = new CollationDue(trigger, slot, failed.Count + 1);
            }
        }

        return (due, gaveUp);
    }

    /// <summary>Backoff before retry <paramref name="failures"/>: the first delay, doubled after each further failure (at most a day).</summary>
    public static TimeSpan RetryDelay(int failures, CollationOptions options)
    {
        var delay = options.RetryFirstDelay * Math.Pow(2, Math.Max(0, failures - 1));
        return delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : delay;
    }
}
