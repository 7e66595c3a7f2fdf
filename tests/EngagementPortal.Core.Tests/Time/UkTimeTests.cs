using EngagementPortal.Core.Time;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Time;

public sealed class UkTimeTests
{
    [Fact]
    public void FormatDeadline_InWinter_ReadsLikeGovUk() =>
        Assert.Equal("11:59pm on Friday 8 January 2021", UkTime.FormatDeadline(new DateTime(2021, 1, 8, 23, 59, 59, DateTimeKind.Utc)));

    [Fact]
    public void FormatDeadline_InSummer_ShowsBritishSummerTime() =>
        Assert.Equal("5pm on Monday 14 June 2021", UkTime.FormatDeadline(new DateTime(2021, 6, 14, 16, 0, 0, DateTimeKind.Utc)));

    [Theory]
    [InlineData(12, 0, "midday")]
    [InlineData(0, 0, "midnight")]
    [InlineData(9, 30, "9:30am")]
    [InlineData(17, 0, "5pm")]
    public void FormatTime_UsesPlainEnglish(int hour, int minute, string expected) =>
        Assert.Equal(expected, UkTime.FormatTime(new DateTime(2021, 1, 4, hour, minute, 0, DateTimeKind.Utc)));

    [Fact]
    public void FromUk_InSpringGap_MovesForwardAnHour() =>
        // 28 March 2021: clocks go from 01:00 GMT to 02:00 BST; 01:30 does not exist.
        Assert.Equal(new DateTime(2021, 3, 28, 1, 30, 0, DateTimeKind.Utc), UkTime.FromUk(new DateTime(2021, 3, 28, 1, 30, 0)));

    [Fact]
    public void FromUk_InAutumnRepeatedHour_TakesTheFirst() =>
        // 31 October 2021: 01:30 happens twice; the first is 00:30 UTC (BST).
        Assert.Equal(new DateTime(2021, 10, 31, 0, 30, 0, DateTimeKind.Utc), UkTime.FromUk(new DateTime(2021, 10, 31, 1, 30, 0)));

    [Fact]
    public void ShiftDays_AcrossClockChange_KeepsTheWallClockTime()
    {
        var closesInWinter = new DateTime(2021, 1, 8, 23, 59, 59, DateTimeKind.Utc);
        var shifted = UkTime.ShiftDays(closesInWinter, 150); // into June: BST
        Assert.Equal("11:59pm on Monday 7 June 2021", UkTime.FormatDeadline(shifted));
        Assert.Equal(new DateTime(2021, 6, 7, 22, 59, 59, DateTimeKind.Utc), shifted);
    }

    [Fact]
    public void DaysUntil_CountsUkCalendarDays()
    {
        // 11:30pm UTC on 27 June is already 28 June in the UK (BST).
        var time = new FakeTimeProvider(new DateTimeOffset(2021, 6, 27, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(0, UkTime.DaysUntil(new DateTime(2021, 6, 28, 20, 0, 0, DateTimeKind.Utc), time));
        Assert.Equal(1, UkTime.DaysUntil(new DateTime(2021, 6, 29, 8, 0, 0, DateTimeKind.Utc), time));
    }
}
