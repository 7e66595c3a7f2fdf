using System.Globalization;

namespace EngagementPortal.Core.Time;

public enum DateInputOutcome
{
    /// <summary>Nothing typed in any part.</summary>
    Empty,
    Valid,

    /// <summary>Some of day, month and year typed, not all: <see cref="DateInputResult.Missing"/> says which.</summary>
    Incomplete,

    /// <summary>All three typed but not a date on the calendar (31 February, month 13, a two-digit year).</summary>
    NotReal,

    /// <summary>The date is real; the time is not a 24-hour clock time.</summary>
    BadTime,
}

public sealed record DateInputResult(DateInputOutcome Outcome, DateTime? Utc, IReadOnlyList<string> Missing)
{
    /// <summary>The message for a field named <paramref name="label"/> ("Closing date"), as the design system words them; null when valid or empty.</summary>
    public string? Message(string label) => Outcome switch
    {
        DateInputOutcome.Incomplete when Missing.Count == 3 => $"Enter the {label.ToLowerInvariant()} as well as the time",
        DateInputOutcome.Incomplete => $"{label} must include a {string.Join(" and ", Missing)}",
        DateInputOutcome.NotReal => $"{label} must be a real date",
        DateInputOutcome.BadTime => $"Enter the time for the {label.ToLowerInvariant()} on the 24-hour clock, like 23:59",
        _ => null,
    };
}

/// <summary>
/// The design system's date input: day, month and year typed in three boxes, plus a time, all as UK wall-clock time,
/// turned into a UTC instant. Pure, so each message is tested without a page.
/// </summary>
public static class UkDateInput
{
    public static DateInputResult Parse(string? day, string? month, string? year, string? time, string defaultTime)
    {
        var parts = new[] { ("day", day?.Trim()), ("month", month?.Trim()), ("year", year?.Trim()) };
        var missing = parts.Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count == 3)
        {
            return new(string.IsNullOrWhiteSpace(time) ? DateInputOutcome.Empty : DateInputOutcome.Incomplete, null, missing);
        }

        if (missing.Count > 0)
        {
            return new(DateInputOutcome.Incomplete, null, missing);
        }

        if (!int.TryParse(parts[0].Item2, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(parts[1].Item2, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(parts[2].Item2, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || parts[2].Item2!.Length != 4 || y < 1900 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return new(DateInputOutcome.NotReal, null, []);
        }

        var clockText = string.IsNullOrWhiteSpace(time) ? defaultTime : time.Trim().Replace('.', ':');
        if (!TimeOnly.TryParseExact(clockText, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return new(DateInputOutcome.BadTime, null, []);
        }

        return new(DateInputOutcome.Valid, UkTime.FromUk(new DateOnly(y, m, d).ToDateTime(clock)), []);
    }
}
