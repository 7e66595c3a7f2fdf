using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Pages.BackOffice.Coding;

/// <summary>What the coding pages share: the consultation's title for the caption, and their addresses.</summary>
public static class CodingPage
{
    public static async Task<string> TitleAsync(PortalDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var versions = await db.ConsultationVersions.AsNoTracking().Where(v => v.ConsultationId == id && v.State != VersionState.Superseded)
            .Select(v => new { v.State, v.Title }).ToListAsync(cancellationToken);
        return (versions.FirstOrDefault(v => v.State == VersionState.Published) ?? versions.FirstOrDefault())?.Title ?? "";
    }

    public static string IndexUrl(Guid id) => $"/backoffice/consultations/{id}/coding";

    public static string FrameUrl(Guid id, string key) => $"{IndexUrl(id)}/{Uri.EscapeDataString(key)}";

    public static string AnswersUrl(Guid id, string key, long? answer = null) =>
        $"{FrameUrl(id, key)}/answers" + (answer is { } a ? "?answer=" + a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
