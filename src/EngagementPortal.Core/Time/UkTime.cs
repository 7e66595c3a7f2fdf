using System.Globalization;

namespace EngagementPortal.Core.Time;

/// <summary>
/// Instants are stored in UTC and shown in Europe/London time, the way GOV.UK and NHS pages write
/// them ("11:59pm on Friday 8 January 2021").
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static DateTime ToUk(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Converts a UK wall-clock time to UTC. In the autumn's repeated hour the earlier (BST) instant is taken;
    /// a time in the spring's missing hour is moved forward an hour, as a clock would be.</summary>
    public static DateTime FromUk(DateTime ukWallClock)
    {
        var local = DateTime.SpecifyKind(ukWallClock, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            var largest = offsets.Max();
            return DateTime.SpecifyKind(local - largest, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>Moves an instant by whole days on the UK wall clock.</summary>
    public static DateTime ShiftDays(DateTime utc, int days) => days == 0 ? utc : FromUk(ToUk(utc).AddDays(days));

    public static DateOnly TodayUk(TimeProvider time) => DateOnly.FromDateTime(ToUk(time.GetUtcNow().UtcDateTime));

    /// <summary>"5pm", "11:59pm", "midday", "midnight".</summary>
    public static string FormatTime(DateTime utc)
    {
        var uk = ToUk(utc);
        if (uk.Hour == 12 && uk.Minute == 0)
        {
            return "midday";
        }

        if (uk.Hour == 0 && uk.Minute == 0)
        {
            return "midnight";
        }

        var hour = uk.Hour % 12 == 0 ? 12 : uk.Hour % 12;
        var suffix = uk.Hour < 12 ? "am" : "pm";
        return uk.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hour}{suffix}")
            : string.Create(CultureInfo.InvariantCulture, $"{hour}:{uk.Minute:00}{suffix}");
    }

    /// <summary>"Friday 8 January 2021".</summary>
    public static string FormatDate(DateTime utc) => ToUk(utc).ToString("dddd d MMMM yyyy", EnGb);

    /// <summary>"11:59pm on Friday 8 January 2021".</summary>
    public static string FormatDeadline(DateTime utc) => $"{FormatTime(utc)} on {FormatDate(utc)}";

    /// <summary>"8 January 2021 at 3:04pm", for timestamps in lists.</summary>
    public static string FormatTimestamp(DateTime utc) =>
        $"{ToUk(utc).ToString("d MMMM yyyy", EnGb)} at {FormatTime(utc)}";

    /// <summary>Whole UK calendar days from today until the day of <paramref name="utc"/>; 0 on the day itself.</summary>
    public static int DaysUntil(DateTime utc, TimeProvider time) =>
        DateOnly.FromDateTime(ToUk(utc)).DayNumber - TodayUk(time).DayNumber;
}
