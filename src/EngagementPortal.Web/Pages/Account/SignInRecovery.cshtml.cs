using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInRecoveryModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditLog audit) : PageModel
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

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), "Enter one of your recovery codes");
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            await audit.RecordNowAsync(AuditActions.RecoveryCodeUsed, user.Id, user.Email!, detail: $"{left} recovery codes left", ipAddress: ip, cancellationToken: cancellationToken);
            return LocalRedirect(left <= 3 ? "/account/recovery-codes" : SignInModel.AfterSignIn(ReturnUrl, await users.GetRolesAsync(user)));
        }

        await audit.RecordNowAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, user.Id, user.Email!, detail: "wrong recovery code", ipAddress: ip, cancellationToken: cancellationToken);
        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? "Your account is locked after too many wrong attempts. Try again later." : "That recovery code is not correct or has already been used");
        return Page();
    }
}
