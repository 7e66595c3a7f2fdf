using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email;

/// <summary>The back office's own accounts: every Officer or Administrator who can sign in (not disabled, not locked
/// out) and has an email address, plus any extra addresses in <c>Email:OfficerNotifications</c> (a shared team
/// mailbox, say). One address once, whatever its case.</summary>
public sealed class StaffOfficerRecipients(PortalDbContext db, IOptions<EmailOptions> options, TimeProvider time) : IOfficerRecipients
{
    public async Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        string[] staffRoles = [.. PortalRoles.Staff.Select(r => r.ToUpperInvariant())];
        var candidates = await db.Users.AsNoTracking()
            .Where(u => u.DisabledUtc == null && u.Email != null)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.NormalizedName))))
            .OrderBy(u => u.Email)
            .Select(u => new { u.Email, u.LockoutEnd })
            .ToListAsync(cancellationToken);

        // SQLite cannot compare DateTimeOffset columns in SQL, so the lockout test runs here (staff lists are short).
        var staff = candidates.Where(u => u.LockoutEnd is not { } end || end <= now).Select(u => u.Email!);
        return [.. staff.Concat(options.Value.OfficerNotifications).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
