using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.Account.Manage;

/// <summary>Recovery codes are shown once, straight after they are made; afterwards only how many are left.</summary>
public sealed class RecoveryCodesModel(UserManager<PortalUser> users, AuditLog audit) : PageModel
{
    public const string TempDataKey = "recovery-codes";

    public IReadOnlyList<string> NewCodes { get; private set; } = [];

    public int CodesLeft { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        TwoFactorEnabled = user.TwoFactorEnabled;
        NewCodes = TempData[TempDataKey] is string codes ? codes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        CodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/Manage/TwoFactor");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorModel.RecoveryCodeCount) ?? [];
        await audit.RecordNowAsync(AuditActions.RecoveryCodesCreated, user.Id, user.Email!, subject: user.Email, cancellationToken: cancellationToken);
        TempData[TempDataKey] = string.Join(' ', codes);
        return RedirectToPage();
    }
}
