using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

public sealed class NewModel(ConsultationAuthoring authoring, UserManager<PortalUser> users) : DraftFormPageModel
{
    public void OnGet()
    {
    }

    public PageResult OnPostPreviewBody()
    {
        PreviewBody();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ReadForm() is not { } fields)
        {
            return Page();
        }

        var result = await authoring.CreateAsync(fields, this.ActorOf(users), cancellationToken);
        if (result.Outcome != AuthoringOutcome.Done)
        {
            return Refused(result.Problems);
        }

        return Redirect($"/backoffice/consultations/{result.ConsultationId}/questions");
    }
}
