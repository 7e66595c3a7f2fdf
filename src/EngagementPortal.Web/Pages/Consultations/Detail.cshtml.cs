using EngagementPortal.Core.Consultations;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace EngagementPortal.Web.Pages.Consultations;

[OutputCache(PolicyName = ConsultationPageCache.PolicyName)]
public sealed class DetailModel(ConsultationQueries queries, PublishedVersions published, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public ConsultationView View { get; private set; } = null!;

    /// <summary>True when staff are previewing a draft (?preview={versionId}) on this very page, as the public will see it.</summary>
    public bool IsPreview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, Guid? preview, CancellationToken cancellationToken)
    {
        if (preview is not null)
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
            : await queries.FindForDisplayAsync(slug, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        View = ConsultationView.For(version, time, published: IsPreview ? null : published);
        return Page();
    }
}
