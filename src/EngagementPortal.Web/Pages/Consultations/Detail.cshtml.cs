using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Consultations;

public sealed class DetailModel(ConsultationQueries queries, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public ConsultationVersion Version { get; private set; } = null!;

    public ConsultationPhase Phase { get; private set; }

    public string BodyHtml { get; private set; } = "";

    public string? HowToRespondHtml { get; private set; }

    public TimeProvider Time => time;

    public DateTime NowUtc { get; private set; }

    /// <summary>True when staff are previewing a draft (?preview={versionId}) on this very page, as the public will see it.</summary>
    public bool IsPreview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, Guid? preview, CancellationToken cancellationToken)
    {
        if (preview is { } versionId)
        {
            if (!(await authorization.AuthorizeAsync(User, PortalAccess.StaffPolicy)).Succeeded)
            {
                return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
            }

            IsPreview = true;
            Response.Headers.CacheControl = "no-store";
        }

        var version = preview is { } id
            ? await queries.FindVersionAsync(slug, id, cancellationToken)
            : await queries.FindPublishedAsync(slug, cancellationToken);
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
