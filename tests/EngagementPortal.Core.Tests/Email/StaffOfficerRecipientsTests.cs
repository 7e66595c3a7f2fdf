using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Email;
using EngagementPortal.TestCommon;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Email;

public sealed class StaffOfficerRecipientsTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2021, 1, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EnabledStaff_AreRecipients_PartnersDisabledAndLockedOutAreNot()
    {
        await SeedAsync(
            ("officer@example.nhs.uk", PortalRoles.Officer, null, null),
            ("admin@example.nhs.uk", PortalRoles.Administrator, null, null),
            ("partner@healthwatch.example.org", PortalRoles.Partner, null, null),
            ("disabled.officer@example.nhs.uk", PortalRoles.Officer, new DateTime(2020, 12, 1, 0, 0, 0, DateTimeKind.Utc), null),
            ("locked.officer@example.nhs.uk", PortalRoles.Officer, null, time.GetUtcNow().AddMinutes(10)),
            ("lock-expired.officer@example.nhs.uk", PortalRoles.Officer, null, time.GetUtcNow().AddMinutes(-1)));

        var recipients = await RecipientsAsync([]);

        Assert.Equal(["admin@example.nhs.uk", "lock-expired.officer@example.nhs.uk", "officer@example.nhs.uk"], recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConfiguredExtras_AreAdded_OnceWhateverTheirCase()
    {
        await SeedAsync(("officer@example.nhs.uk", PortalRoles.Officer, null, null));

        var recipients = await RecipientsAsync(["engagement.team@example.nhs.uk", "OFFICER@example.nhs.uk"]);

        Assert.Equal(["engagement.team@example.nhs.uk", "officer@example.nhs.uk"], recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NoAccountsAndNoExtras_NoRecipients()
    {
        Assert.Empty(await RecipientsAsync([]));
    }

    [Fact]
    public async Task OfficerNotice_QueuedForEachStaffAccount_AnUnsendableAddressSkipped()
    {
        await SeedAsync(("officer@example.nhs.uk", PortalRoles.Officer, null, null), ("admin@example.nhs.uk", PortalRoles.Administrator, null, null), ("legacy@localhost", PortalRoles.Officer, null, null));
        var options = Options.Create(new EmailOptions());

        await using (var db = database.CreateContext())
        {
            var notices = new OfficerNotices(new EmailOutbox(db, time), new StaffOfficerRecipients(db, options, time), options, db);
            Assert.Equal(2, await notices.MilestoneAsync("Integrating care", "integrating-care", ConsultationMilestone.Opened, time.GetUtcNow().UtcDateTime, CancellationToken.None));
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        Assert.Equal(["admin@example.nhs.uk", "officer@example.nhs.uk"], check.OutboxMessages.Select(m => m.To).AsEnumerable().Order(StringComparer.Ordinal));
    }

    public void Dispose() => database.Dispose();

    private async Task<IReadOnlyList<string>> RecipientsAsync(List<string> extras)
    {
        await using var db = database.CreateContext();
        return await new StaffOfficerRecipients(db, Options.Create(new EmailOptions { OfficerNotifications = extras }), time).GetAsync(CancellationToken.None);
    }

    private async Task SeedAsync(params (string Email, string Role, DateTime? DisabledUtc, DateTimeOffset? LockoutEnd)[] accounts)
    {
        await using var db = database.CreateContext();
        var roles = PortalRoles.All.ToDictionary(r => r, r => new PortalRole(r));
        db.Roles.AddRange(roles.Values);
        foreach (var (email, role, disabled, lockoutEnd) in accounts)
        {
            var user = new PortalUser
            {
                Id = Guid.NewGuid(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = email,
                DisabledUtc = disabled,
                LockoutEnabled = true,
                LockoutEnd = lockoutEnd,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[role].Id });
        }

        await db.SaveChangesAsync();
    }
}
