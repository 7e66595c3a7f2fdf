using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Time;

namespace EngagementPortal.Core.Tests.Collation.Runs;

public sealed class CollationScheduleTests
{
    [Fact]
    public void LastNightly_InSummer_UkWallClockSoAnHourEarlierInUtc()
    {
        var now = new DateTime(2021, 7, 1, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2021, 7, 1, 0, 30, 0, DateTimeKind.Utc), CollationSchedule.LastNightly(now, new TimeOnly(1, 30)));
    }

    [Fact]
    public void LastNightly_BeforeTonightsTime_Yesterdays()
    {
        var now = UkTime.FromUk(new DateTime(2020, 12, 1, 1, 0, 0));

        Assert.Equal(UkTime.FromUk(new DateTime(2020, 11, 30, 1, 30, 0)), CollationSchedule.LastNightly(now, new TimeOnly(1, 30)));
    }

    [Fact]
    public void RetryDelay_DoublesAfterEachFailureUpToADay()
    {
        var options = new CollationOptions { RetryFirstDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal([5, 10, 20, 40], Enumerable.Range(1, 4).Select(f => CollationSchedule.RetryDelay(f, options).TotalMinutes));
        Assert.Equal(TimeSpan.FromDays(1), CollationSchedule.RetryDelay(20, options));
    }

    [Fact]
    public void Slots_FinalLeadBeforeOpening_FromOpeningInstead()
    {
        var opens = new DateTime(2021, 1, 3, 9, 0, 0, DateTimeKind.Utc);
        var slots = CollationSchedule.Slots(opens, opens.AddDays(10), opens.AddHours(24), opens.AddHours(1), new CollationOptions());

        Assert.Contains((CollationTrigger.FinalBeforeDeadline, opens), slots);
    }

    [Fact]
    public void Evaluate_RunningScheduledRun_NotDueAgain()
    {
        var slot = new DateTime(2020, 12, 1, 1, 30, 0, DateTimeKind.Utc);
        var runs = new[] { new CollationRun { Trigger = CollationTrigger.Nightly, Status = CollationRunStatus.Running, StartedUtc = slot.AddMinutes(1) } };

        var (due, gaveUp) = CollationSchedule.Evaluate([(CollationTrigger.Nightly, slot)], runs, slot.AddHours(1), new CollationOptions());

        Assert.Null(due);
        Assert.Empty(gaveUp);
    }
}
