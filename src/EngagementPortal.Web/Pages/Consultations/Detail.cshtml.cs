using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Consultations;

public sealed class DetailModel(ConsultationQueries queries, TimeProvider time) : PageModel
{
    public ConsultationView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var version = await queries.FindForDisplayAsync(slug, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        View = ConsultationView.For(version, time.GetUtcNow().UtcDateTime);
        return Page();
    }
}
