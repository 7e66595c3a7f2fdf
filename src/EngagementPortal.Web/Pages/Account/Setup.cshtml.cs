using EngagementPortal.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Account;

/// <summary>The first administrator, through the one-time link printed at first start.</summary>
[AllowAnonymous]
public sealed class SetupModel(AccountSetup setup) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool LinkValid { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        LinkValid = await setup.IsLinkValidAsync(Token, cancellationToken);
        return LinkPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        LinkValid = await setup.IsLinkValidAsync(Token, cancellationToken);
        if (!LinkValid)
        {
            return LinkPage();
        }

        if (!EngagementPortal.Core.Email.EmailAddresses.IsValid(Email?.Trim()))
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address in the correct format, like name@example.nhs.uk");
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            ModelState.AddModelError(nameof(DisplayName), "Enter your name");
        }

        PasswordRules.Check(ModelState, Password, ConfirmPassword);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await setup.CompleteAsync(Token, Email!.Trim(), DisplayName!.Trim(), Password!, cancellationToken);
        switch (result.Outcome)
        {
            case SetupOutcome.Created:
                return Redirect("/account/sign-in?reason=set-up");
            case SetupOutcome.Refused:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(nameof(Password), error);
                }

                return Page();
            default:
                LinkValid = false;
                return LinkPage();
        }
    }

    // An unusable link is "not found": it says nothing about whether a link ever existed.
    private IActionResult LinkPage()
    {
        if (!LinkValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}

/// <summary>The checks every "choose a password" form makes before Identity's own (length, the common list).</summary>
internal static class PasswordRules
{
    public static void Check(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string? password, string? confirm)
    {
        if (string.IsNullOrEmpty(password))
        {
            state.AddModelError("Password", "Enter a password");
        }
        else if (password.Length < 12)
        {
            state.AddModelError("Password", "Password must be 12 characters or more");
        }
        else if (CommonPasswords.IsCommon(password))
        {
            state.AddModelError("Password", "This password is too common: it appears in lists of passwords that criminals try first. Choose a different one, for example three random words.");
        }
        else if (password != confirm)
        {
            state.AddModelError("ConfirmPassword", "The passwords do not match");
        }
    }
}
