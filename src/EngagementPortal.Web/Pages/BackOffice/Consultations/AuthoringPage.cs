using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>What every authoring page needs: who is acting, and problems from Core shown against their fields.</summary>
public static class AuthoringPage
{
    public static Actor ActorOf(this PageModel page, UserManager<PortalUser> users) =>
        new(Guid.Parse(users.GetUserId(page.User)!), page.User.Identity?.Name ?? "unknown");

    public static void AddProblems(this ModelStateDictionary state, IEnumerable<FieldProblem> problems, string prefix = "")
    {
        foreach (var problem in problems)
        {
            state.AddModelError(prefix + problem.Field, problem.Message);
        }
    }

    public static readonly string[] DraftFieldOrder =
    [
        "Form.Title", "Form.Slug", "Form.Summary", "Form.Body", "Form.HowToRespond", "Form.Audience", "Form.Opens", "Form.Closes", "Form.PartnershipDeadline", "Form.Documents",
    ];
}
