using EngagementPortal.Core.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Jobs;

/// <summary>/backoffice/jobs: every scheduled job, how its last run went, when it runs next, and "run now".
/// Authorisation comes from the back office's folder policy.</summary>
public sealed class IndexModel(JobsOverview jobs) : PageModel
{
    public IReadOnlyList<JobStatus> Jobs { get; private set; } = [];

    public bool RunsOnThisNode => jobs.RunsOnThisNode;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Jobs = await jobs.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostRunAsync(string name, CancellationToken cancellationToken)
    {
        var result = await jobs.RunNowAsync(name, cancellationToken);
        if (result == RunNowResult.UnknownJob)
        {
            return NotFound();
        }

        var title = jobs.Find(name)!.Title;
        Notice = result == RunNowResult.Queued
            ? $"{title} will run in a moment. Refresh this page to see how it went."
            : $"{title} is not scheduled yet: no node with jobs switched on has started.";
        return RedirectToPage();
    }
}
