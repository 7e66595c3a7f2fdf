using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Account.Manage;

/// <summary>Change your own password. Other sessions end (the security stamp changes); this one is renewed.</summary>
public sealed class ChangePasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), "Enter your current password");
        }

        PasswordRules.Check(ModelState, Password, ConfirmPassword);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword!, Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(Password),
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Your current password is not correct" : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        await audit.RecordNowAsync(AuditActions.PasswordSet, user.Id, user.Email!, subject: user.Email, detail: "changed by the account holder", ipAddress: HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken: cancellationToken);
        Notice = "Your password has been changed. Other devices have been signed out.";
        return RedirectToPage();
    }
}
