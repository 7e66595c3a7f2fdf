using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Time;

namespace EngagementPortal.Web.Pages.Shared;

/// <summary>How a consultation's dates read on public pages.</summary>
public static class ConsultationDisplay
{
    public static string DeadlineLine(ConsultationVersion version, DateTime nowUtc) => version.PhaseAt(nowUtc) switch
    {
        ConsultationPhase.Upcoming => $"Opens {UkTime.FormatDeadline(version.OpensUtc)}",
        ConsultationPhase.Open => $"Closes {UkTime.FormatDeadline(version.ClosesUtc)}",
        _ => $"Closed {UkTime.FormatDeadline(version.ClosesUtc)}",
    };

    public static string? DaysLeft(ConsultationVersion version, TimeProvider time)
    {
        if (version.PhaseAt(time.GetUtcNow().UtcDateTime) != ConsultationPhase.Open)
        {
            return null;
        }

        var days = UkTime.DaysUntil(version.ClosesUtc, time);
        return days switch
        {
            <= 0 => "Closes today",
            1 => "1 day left",
            _ => $"{days} days left",
        };
    }
}
