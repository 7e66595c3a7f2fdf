using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Settings;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Content;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Shift every consultation's dates so the sample is open now (true in Development).</summary>
    public bool Enabled { get; set; }

    /// <summary>About how many days ago (to the nearest whole week of shift) the most recently opened consultation should appear to have opened.</summary>
    [Range(0, 365)]
    public int OpenedDaysAgo { get; set; } = 7;
}

/// <summary>
/// The demonstration window: one whole-week shift applied to every date of every consultation, whatever
/// its source, so the 2020 sample is open today. The shift is chosen once and kept (a portal_settings
/// row), and chosen again only when the window has run out, so deadlines do not move between restarts.
/// </summary>
public sealed class DemoWindow(PortalDbContext db, TimeProvider time, IOptions<DemoOptions> options)
{
    internal const string SettingKey = "demo.shift-days";

    public async Task<int> CurrentShiftDaysAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        var latest = await db.ConsultationVersions.Where(v => v.State == VersionState.Published)
            .OrderByDescending(v => v.AuthoredOpensUtc)
            .Select(v => new { v.AuthoredOpensUtc, v.AuthoredClosesUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var stored = await db.Settings.SingleOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
        if (stored is not null && int.TryParse(stored.Value, CultureInfo.InvariantCulture, out var kept)
            && UkTime.ShiftDays(latest.AuthoredClosesUtc, kept) > now
            && UkTime.ShiftDays(latest.AuthoredOpensUtc, kept) <= now)
        {
            return kept;
        }

        var opened = DateOnly.FromDateTime(UkTime.ToUk(latest.AuthoredOpensUtc));
        // Whole weeks, so "Friday 8 January" stays a Friday and deadlines never land on a weekend they did not.
        var days = UkTime.TodayUk(time).AddDays(-options.Value.OpenedDaysAgo).DayNumber - opened.DayNumber;
        var shift = (int)Math.Round(days / 7.0, MidpointRounding.AwayFromZero) * 7;
        var value = shift.ToString(CultureInfo.InvariantCulture);
        if (stored is null)
        {
            db.Settings.Add(new PortalSetting { Key = SettingKey, Value = value, UpdatedUtc = now });
        }
        else
        {
            stored.Value = value;
            stored.UpdatedUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return shift;
    }

    /// <summary>Brings every version's effective dates in line with the current shift (0 when the demo is off).</summary>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var shift = await CurrentShiftDaysAsync(cancellationToken);
        var stale = await db.ConsultationVersions.Where(v => v.DemoShiftDays != shift).ToListAsync(cancellationToken);
        foreach (var version in stale)
        {
            version.ApplyDemoShift(shift);
        }

        await db.SaveChangesAsync(cancellationToken);
        return shift;
    }
}
