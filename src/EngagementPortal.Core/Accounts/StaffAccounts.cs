using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Accounts;

public enum AccountChange
{
    Done,
    NotFound,
    NotAllowed,
    Invalid,
}

public sealed record AccountChangeResult(AccountChange Outcome, string? Problem = null, string? PasswordToken = null, Guid? UserId = null);

public sealed record AccountSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool Disabled, bool LockedOut, DateTime CreatedUtc);

/// <summary>What administrators do to accounts. Every change is audited and changes the security stamp, so a
/// disabled account's cookies stop working on its next request.</summary>
public sealed class StaffAccounts(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var all = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roleNames = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return [.. all.Select(u => new AccountSummary(
            u.Id, u.Email ?? "", u.DisplayName,
            [.. roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)],
            u.TwoFactorEnabled, u.IsDisabled, u.LockoutEnd is { } end && end > now && !u.IsDisabled, u.CreatedUtc))];
    }

    /// <summary>Creates an account with no password; the returned token lets its owner choose one (it is single use:
    /// setting the password changes the security stamp the token is bound to).</summary>
    public async Task<AccountChangeResult> InviteAsync(string email, string displayName, string role, PortalUser actor, CancellationToken cancellationToken = default)
    {
        if (!PortalRoles.All.Contains(role))
        {
            return new(AccountChange.Invalid, "Choose a role.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return new(AccountChange.Invalid, "An account with this email address already exists.");
        }

        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new(AccountChange.Invalid, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await audit.RecordNowAsync(AuditActions.AccountCreated, actor.Id, actor.Email!, subject: user.Email, detail: "role " + role, cancellationToken: cancellationToken);
        return new(AccountChange.Done, PasswordToken: token, UserId: user.Id);
    }

    public async Task<AccountChangeResult> DisableAsync(Guid id, PortalUser actor, CancellationToken cancellationToken = default)
    {
        if (id == actor.Id)
        {
            return new(AccountChange.NotAllowed, "You cannot disable your own account.");
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new(AccountChange.NotFound);
        }

        user.DisabledUtc = time.GetUtcNow().UtcDateTime;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordNowAsync(AuditActions.AccountDisabled, actor.Id, actor.Email!, subject: user.Email, cancellationToken: cancellationToken);
        return new(AccountChange.Done);
    }

    public async Task<AccountChangeResult> EnableAsync(Guid id, PortalUser actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new(AccountChange.NotFound);
        }

        user.DisabledUtc = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);
        await audit.RecordNowAsync(AuditActions.AccountEnabled, actor.Id, actor.Email!, subject: user.Email, cancellationToken: cancellationToken);
        return new(AccountChange.Done);
    }

    /// <summary>For someone who lost their authenticator and recovery codes: they enrol again at their next sign-in.</summary>
    public async Task<AccountChangeResult> ResetTwoFactorAsync(Guid id, PortalUser actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new(AccountChange.NotFound);
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordNowAsync(AuditActions.TwoFactorReset, actor.Id, actor.Email!, subject: user.Email, cancellationToken: cancellationToken);
        return new(AccountChange.Done);
    }
}
