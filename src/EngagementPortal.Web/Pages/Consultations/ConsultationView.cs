using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;

namespace EngagementPortal.Web.Pages.Consultations;

/// <summary>
/// What the consultation page shows, whoever asks for it: the public detail page, or an officer previewing an Umbraco
/// draft. Bodies are rendered here and only here: Markdown through <see cref="SafeMarkdown"/>, Umbraco rich text
/// through the <see cref="SafeHtml"/> allow-list.
/// </summary>
public sealed record ConsultationView(ConsultationVersion Version, ConsultationPhase Phase, string BodyHtml, string? HowToRespondHtml, bool Withdrawn, bool IsPreview)
{
    /// <param name="published">Given for published versions, whose rendered body is then made once and reused.</param>
    public static ConsultationView For(ConsultationVersion version, DateTime nowUtc, bool isPreview = false, PublishedVersions? published = null)
    {
        var withdrawn = version.Consultation?.UnpublishedUtc is not null;
        return new ConsultationView(
            version,
            withdrawn ? ConsultationPhase.Closed : version.PhaseAt(nowUtc),
            published is null ? RenderBody(version) : published.Rendered(version, "body", RenderBody),
            version.HowToRespond is null ? null : published is null ? RenderHowToRespond(version) : published.Rendered(version, "how-to-respond", RenderHowToRespond),
            withdrawn,
            isPreview);
    }

    private static string RenderHowToRespond(ConsultationVersion version) => SafeMarkdown.ToHtml(version.HowToRespond ?? "");

    public static string RenderBody(ConsultationVersion version) => version.BodyFormat switch
    {
        BodyFormat.Html => SafeHtml.Sanitize(version.Body),
        _ => SafeMarkdown.ToHtml(version.Body),
    };
}
