using EngagementPortal.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Account.Manage;

/// <summary>"Stay signed in" (WCAG 2.2.1): any signed-in request renews the idle timer; this one does nothing else.
/// Forms post here without script; the script posts here with fetch and gets 204.</summary>
public sealed class SessionModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IOptions<SecurityOptions> security, TimeProvider time) : PageModel
{
    public DateTime EndsUtc { get; private set; }

    public void OnGet() => EndsUtc = time.GetUtcNow().UtcDateTime.AddMinutes(security.Value.IdleTimeoutMinutes);

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }

        if (Request.Headers.XRequestedWith == "fetch")
        {
            return new NoContentResult();
        }

        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/backoffice");
    }
}
