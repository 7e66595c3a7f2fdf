using EngagementPortal.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Admin;

/// <summary>The audit log, newest first, filtered by action and by who or what.</summary>
public sealed class AuditModel(AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    // Not "page": Razor Pages reserves that route value for the page's own path, so binding it never sees the number.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditLog.Page Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var action = AuditActions.All.Contains(ActionFilter) ? ActionFilter : null;
        Result = await audit.ListAsync(new AuditLog.Filter(action, Search, PageNumber), cancellationToken);
    }

    public string PageLink(int page) => $"?action={Uri.EscapeDataString(ActionFilter ?? "")}&q={Uri.EscapeDataString(Search ?? "")}&p={page}";
}
