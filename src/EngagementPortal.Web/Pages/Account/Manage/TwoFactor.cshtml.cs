using System.Security.Claims;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Account.Manage;

/// <summary>Enrolment in an authenticator app: a QR code (and the key to type), then one code to prove it works,
/// then ten recovery codes shown once.</summary>
public sealed class TwoFactorModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit, IOptions<PortalOptions> portal) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    public bool AlreadyEnabled { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string QrDataUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        AlreadyEnabled = user.TwoFactorEnabled;
        if (!AlreadyEnabled)
        {
            await LoadKeyAsync(user);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        var code = new string([.. (Code ?? "").Where(char.IsDigit)]);
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), code.Length != 6 ? "Enter the 6-digit code from your authenticator app" : "The code is not correct. Check you scanned the QR code and enter the newest code.");
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        audit.Record(AuditActions.TwoFactorEnabled, user.Id, user.Email!, subject: user.Email, ipAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await audit.RecordNowAsync(AuditActions.RecoveryCodesCreated, user.Id, user.Email!, subject: user.Email, cancellationToken: cancellationToken);

        // Enabling changed the security stamp; sign in again, now with the second factor proved.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(PortalAccess.MfaClaimType, PortalAccess.MfaClaimValue)]);
        TempData[RecoveryCodesModel.TempDataKey] = string.Join(' ', codes);
        return RedirectToPage("/Account/Manage/RecoveryCodes");
    }

    private async Task LoadKeyAsync(PortalUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);

            // Resetting the key changed the security stamp, which would end this session on the next request.
            await signIn.RefreshSignInAsync(user);
        }

        SharedKey = AuthenticatorQr.FormatKey(key!);
        QrDataUrl = AuthenticatorQr.DataUrl(AuthenticatorQr.Uri(portal.Value.OrganisationName + " engagement portal", user.Email!, key!));
    }
}
