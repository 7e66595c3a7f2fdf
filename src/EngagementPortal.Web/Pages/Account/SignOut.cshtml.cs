using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Account;

/// <summary>Signing out is a POST (a link could be triggered by another site); GET shows the button.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? reason, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await audit.RecordNowAsync(AuditActions.SignOut, user.Id, user.Email!, detail: reason == "idle" ? "idle timeout" : null, ipAddress: HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken: cancellationToken);
        }

        await signIn.SignOutAsync();
        return Redirect("/account/sign-in?reason=" + (reason == "idle" ? "idle" : "signed-out"));
    }
}
