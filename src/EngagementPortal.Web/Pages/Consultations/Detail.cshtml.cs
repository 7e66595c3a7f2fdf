using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Consultations;

public sealed class DetailModel(ConsultationQueries queries, TimeProvider time) : PageModel
{
    public ConsultationVersion Version { get; private set; } = null!;

    public ConsultationPhase Phase { get; private set; }

    public string BodyHtml { get; private set; } = "";

    public string? HowToRespondHtml { get; private set; }

    public TimeProvider Time => time;

    public DateTime NowUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var version = await queries.FindPublishedAsync(slug, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        Version = version;
        NowUtc = time.GetUtcNow().UtcDateTime;
        Phase = version.PhaseAt(NowUtc);
        BodyHtml = version.BodyFormat == BodyFormat.Markdown
            ? SafeMarkdown.ToHtml(version.Body)
            : System.Net.WebUtility.HtmlEncode(version.Body); // HTML sources arrive with the Umbraco issue and its allow-list.
        HowToRespondHtml = version.HowToRespond is null ? null : SafeMarkdown.ToHtml(version.HowToRespond);
        return Page();
    }
}
