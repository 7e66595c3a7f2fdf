using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Admin;

/// <summary>Staff and partner accounts: invite, disable, enable, reset the authenticator.</summary>
public sealed class AccountsModel(StaffAccounts accounts, UserManager<PortalUser> users, EmailOutbox outbox, Core.Data.PortalDbContext db) : PageModel
{
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The invitation link, shown once to the administrator as well as emailed, for when email is slow.</summary>
    [TempData]
    public string? InviteLink { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await accounts.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(Email?.Trim()))
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address in the correct format, like name@example.nhs.uk");
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            ModelState.AddModelError(nameof(DisplayName), "Enter the person's name");
        }

        if (Role is null || !PortalRoles.All.Contains(Role))
        {
            ModelState.AddModelError(nameof(Role), "Select a role");
        }

        if (!ModelState.IsValid)
        {
            Accounts = await accounts.ListAsync(cancellationToken);
            return Page();
        }

        var actor = (await users.GetUserAsync(User))!;
        var result = await accounts.InviteAsync(Email!.Trim(), DisplayName!.Trim(), Role!, actor, cancellationToken);
        if (result.Outcome != AccountChange.Done)
        {
            ModelState.AddModelError(nameof(Email), result.Problem ?? "The account could not be created");
            Accounts = await accounts.ListAsync(cancellationToken);
            return Page();
        }

        var link = $"{Request.Scheme}://{Request.Host}/account/set-password?user={result.UserId}&token={Uri.EscapeDataString(result.PasswordToken!)}";
        // The address passed the outbox's own rule above, so this queues; were it refused, the link shown below still works.
        outbox.Enqueue("account-invitation", Email.Trim(), "Your engagement portal account",
            $"Hello {DisplayName.Trim()},\n\nAn account has been made for you on the engagement portal. Choose your password here (the link works once, for one day):\n\n{link}\n\nThen you will be asked to set up an authenticator app.",
            $"<p>Hello {System.Net.WebUtility.HtmlEncode(DisplayName.Trim())},</p><p>An account has been made for you on the engagement portal. <a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Choose your password</a> (the link works once, for one day).</p><p>Then you will be asked to set up an authenticator app.</p>",
            correlationId: "account:" + result.UserId);
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"Account created for {Email.Trim()}. An email with a link to choose a password has been queued.";
        InviteLink = link;
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, "disabled", accounts.DisableAsync, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, "enabled", accounts.EnableAsync, cancellationToken);

    public Task<IActionResult> OnPostResetTwoFactorAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, "asked to set up the authenticator app again", accounts.ResetTwoFactorAsync, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, string done, Func<Guid, PortalUser, CancellationToken, Task<AccountChangeResult>> change, CancellationToken cancellationToken)
    {
        var actor = (await users.GetUserAsync(User))!;
        var result = await change(id, actor, cancellationToken);
        switch (result.Outcome)
        {
            case AccountChange.NotFound:
                return NotFound();
            case AccountChange.Done:
                Notice = $"Account {done}.";
                return RedirectToPage();
            default:
                ModelState.AddModelError("", result.Problem ?? "That change is not allowed");
                Accounts = await accounts.ListAsync(cancellationToken);
                return Page();
        }
    }
}
