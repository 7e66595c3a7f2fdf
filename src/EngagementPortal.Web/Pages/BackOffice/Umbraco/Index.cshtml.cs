using EngagementPortal.Core.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.BackOffice.Umbraco;

/// <summary>/backoffice/umbraco: how the last Umbraco sync went, and the content changes officers must know about
/// (a question that now means something else, a consultation withdrawn), each acknowledged once dealt with.
/// Authorisation comes from the back office's folder policy.</summary>
public sealed class IndexModel(ContentNotices notices, IOptions<ContentOptions> content) : PageModel
{
    public ContentStatusOverview Overview { get; private set; } = new(null, [], []);

    public bool UmbracoIsTheSource => content.Value.IsUmbraco;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Overview = await notices.ReadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await notices.AcknowledgeAsync(id, cancellationToken);
        if (outcome == AcknowledgeOutcome.NotFound)
        {
            return NotFound();
        }

        Notice = outcome == AcknowledgeOutcome.Acknowledged ? "Notice acknowledged." : "Someone had already acknowledged that notice.";
        return RedirectToPage();
    }

    public static string KindText(ContentChangeKind kind) => kind switch
    {
        ContentChangeKind.QuestionTypeChanged => "Question type changed",
        ContentChangeKind.QuestionOptionsChanged => "Answer options changed",
        ContentChangeKind.QuestionRemoved => "Question removed",
        ContentChangeKind.Unpublished => "Withdrawn in Umbraco",
        _ => "Published again",
    };
}
