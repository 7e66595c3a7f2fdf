using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages;

public sealed class IndexModel(ConsultationQueries queries, TimeProvider time) : PageModel
{
    public ConsultationQueries.Listing Listing { get; private set; } = new([], [], []);

    public TimeProvider Time => time;

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = time.GetUtcNow().UtcDateTime;
        Listing = await queries.ListAsync(cancellationToken);
    }
}
