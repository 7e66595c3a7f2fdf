using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Account;

/// <summary>The second step: a code from the authenticator app (or, on the next page, a recovery code).</summary>
[AllowAnonymous]
public sealed class SignInCodeModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn");
        }

        var code = new string([.. (Code ?? "").Where(char.IsDigit)]);
        if (code.Length != 6)
        {
            ModelState.AddModelError(nameof(Code), "Enter the 6-digit code from your authenticator app");
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(AuditActions.SignIn, user.Id, user.Email!, detail: "password and authenticator app", ipAddress: ip, cancellationToken: cancellationToken);
            return LocalRedirect(SignInModel.AfterSignIn(ReturnUrl, await users.GetRolesAsync(user)));
        }

        await audit.RecordNowAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, user.Id, user.Email!, detail: "wrong authenticator code", ipAddress: ip, cancellationToken: cancellationToken);
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "Your account is locked after too many wrong attempts. Try again later."
            : "The code is not correct. Check the time on your phone and enter the newest code.");
        return Page();
    }
}
