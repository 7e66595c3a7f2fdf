using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using EngagementPortal.Web.Pages.Shared;

namespace EngagementPortal.Web.Pages.Consultations;

/// <summary>
/// What the consultation page shows, whoever asks for it: the public detail page, or an officer previewing an Umbraco
/// draft. Bodies are rendered here and only here: Markdown through <see cref="SafeMarkdown"/>, Umbraco rich text
/// through the <see cref="SafeHtml"/> allow-list.
/// </summary>
public sealed record ConsultationView(ConsultationVersion Version, ConsultationView.Moment Now, string BodyHtml, string? HowToRespondHtml, bool IsPreview)
{
    /// <summary>What the page shows that changes with the clock or a withdrawal rather than with the content: the
    /// phase (closed once withdrawn) and the days left. The public page's cache keys on it (<see cref="ConsultationPageCache"/>).</summary>
    public sealed record Moment(ConsultationPhase Phase, bool Withdrawn, string? DaysLeft);

    public ConsultationPhase Phase => Now.Phase;

    public bool Withdrawn => Now.Withdrawn;

    /// <param name="published">Given for published versions, whose rendered body is then made once and reused.</param>
    public static ConsultationView For(ConsultationVersion version, TimeProvider time, bool isPreview = false, PublishedVersions? published = null) =>
        new(
            version,
            MomentOf(version, time, isPreview),
            published is null ? RenderBody(version) : published.Rendered(version, "body", RenderBody),
            version.HowToRespond is null ? null : published is null ? RenderHowToRespond(version) : published.Rendered(version, "how-to-respond", RenderHowToRespond),
            isPreview);

    public static Moment MomentOf(ConsultationVersion version, TimeProvider time, bool isPreview = false)
    {
        var withdrawn = version.Consultation?.UnpublishedUtc is not null;
        return new Moment(
            withdrawn ? ConsultationPhase.Closed : version.PhaseAt(time.GetUtcNow().UtcDateTime),
            withdrawn,
            withdrawn || isPreview ? null : ConsultationDisplay.DaysLeft(version, time));
    }

    private static string RenderHowToRespond(ConsultationVersion version) => SafeMarkdown.ToHtml(version.HowToRespond ?? "");

    public static string RenderBody(ConsultationVersion version) => version.BodyFormat switch
    {
        BodyFormat.Html => SafeHtml.Sanitize(version.Body),
        _ => SafeMarkdown.ToHtml(version.Body),
    };
}
