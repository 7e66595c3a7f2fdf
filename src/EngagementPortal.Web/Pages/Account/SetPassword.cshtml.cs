using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Account;

/// <summary>Where an invitation or an administrator's reset link leads: choose a password. The token is Identity's
/// password-reset token, bound to the security stamp, so it works once.</summary>
[AllowAnonymous]
public sealed class SetPasswordModel(UserManager<PortalUser> users, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid? AccountId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool LinkValid { get; private set; } = true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PasswordRules.Check(ModelState, Password, ConfirmPassword);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = AccountId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null || string.IsNullOrEmpty(Token))
        {
            return Unusable();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return Unusable();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        await audit.RecordNowAsync(AuditActions.PasswordSet, user.Id, user.Email!, subject: user.Email, ipAddress: HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken: cancellationToken);
        return Redirect("/account/sign-in?reason=set-up");
    }

    private PageResult Unusable()
    {
        LinkValid = false;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
