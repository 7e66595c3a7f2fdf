using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IPasswordHasher<PortalUser> hasher, AuditLog audit, IOptions<SecurityOptions> security) : PageModel
{
    /// <summary>The one message for every failure, so nobody learns whether an account exists or is locked.</summary>
    public string FailureMessage => $"The email address or password is not correct. After {security.Value.MaxFailedAttempts} wrong attempts an account is locked for {security.Value.LockoutMinutes} minutes.";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email address");
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Enter your password");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = await users.FindByEmailAsync(Email!.Trim());
        if (user is null)
        {
            // Hash anyway so an unknown address takes as long as a wrong password.
            hasher.HashPassword(new PortalUser { DisplayName = "" }, Password!);
            await audit.RecordNowAsync(AuditActions.SignInFailed, null, Email.Trim(), detail: "no such account", ipAddress: ip, cancellationToken: cancellationToken);
            ModelState.AddModelError(nameof(Email), FailureMessage);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(AuditActions.SignIn, user.Id, user.Email!, detail: "password", ipAddress: ip, cancellationToken: cancellationToken);
            return LocalRedirect(AfterSignIn(ReturnUrl, await users.GetRolesAsync(user)));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/SignInCode", new { returnUrl = ReturnUrl });
        }

        await audit.RecordNowAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, user.Id, user.Email!, detail: result.IsLockedOut ? "locked out or disabled" : "wrong password", ipAddress: ip, cancellationToken: cancellationToken);
        ModelState.AddModelError(nameof(Email), FailureMessage);
        return Page();
    }

    /// <summary>Back where they were going, if that is on this site; else staff to the back office, others home.</summary>
    internal static string AfterSignIn(string? returnUrl, IEnumerable<string> roles) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : roles.Any(r => PortalRoles.Staff.Contains(r)) ? "/backoffice" : roles.Contains(PortalRoles.Partner) ? "/partners" : "/";
}
