using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Accounts;

public enum SetupOutcome
{
    Created,
    AlreadySetUp,
    LinkInvalidOrExpired,
    Refused,
}

public sealed record SetupResult(SetupOutcome Outcome, IReadOnlyList<string> Errors)
{
    public static SetupResult Of(SetupOutcome outcome) => new(outcome, []);
}

public sealed record SetupLink(string Token, DateTime ExpiresUtc);

/// <summary>
/// The first administrator, with no default password anywhere: either from configuration (unattended installs) or
/// through a one-time link printed at first start. Only the link's SHA-256 is stored; it works once, until it expires,
/// and only while no administrator exists.
/// </summary>
public sealed class AccountSetup(PortalDbContext db, UserManager<PortalUser> users, RoleManager<PortalRole> roles, AuditLog audit, TimeProvider time, IOptions<SetupOptions> options)
{
    internal const string TokenSettingKey = "accounts.setup-link";

    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in PortalRoles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(name))
            {
                Check(await roles.CreateAsync(new PortalRole(name)));
            }
        }
    }

    public Task<bool> HasAdministratorAsync(CancellationToken cancellationToken = default)
    {
        var roleName = PortalRoles.Administrator.ToUpperInvariant();
        return db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == roleName), cancellationToken);
    }

    /// <summary>Creates the administrator named in configuration, if both settings are given and none exists yet.</summary>
    public async Task<SetupResult?> CreateFromConfigurationAsync(CancellationToken cancellationToken = default)
    {
        var setup = options.Value;
        if (string.IsNullOrWhiteSpace(setup.AdministratorEmail) || string.IsNullOrEmpty(setup.AdministratorPassword))
        {
            return null;
        }

        if (await HasAdministratorAsync(cancellationToken))
        {
            return SetupResult.Of(SetupOutcome.AlreadySetUp);
        }

        return await CreateAdministratorAsync(setup.AdministratorEmail, "Administrator", setup.AdministratorPassword, "configuration", cancellationToken);
    }

    /// <summary>A new one-time link (replacing any earlier one), or null when an administrator already exists.</summary>
    public async Task<SetupLink?> IssueLinkAsync(CancellationToken cancellationToken = default)
    {
        if (await HasAdministratorAsync(cancellationToken))
        {
            return null;
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now.AddHours(options.Value.LinkLifetimeHours);
        var value = Hash(token) + "|" + expires.ToString("O", CultureInfo.InvariantCulture);
        var setting = await db.Settings.SingleOrDefaultAsync(s => s.Key == TokenSettingKey, cancellationToken);
        if (setting is null)
        {
            db.Settings.Add(new PortalSetting { Key = TokenSettingKey, Value = value, UpdatedUtc = now });
        }
        else
        {
            setting.Value = value;
            setting.UpdatedUtc = now;
        }

        audit.Record(AuditActions.SetupLinkIssued, null, "system", detail: "expires " + expires.ToString("O", CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return new SetupLink(token, expires);
    }

    public async Task<bool> IsLinkValidAsync(string? token, CancellationToken cancellationToken = default) =>
        await FindValidLinkAsync(token, cancellationToken) is not null && !await HasAdministratorAsync(cancellationToken);

    /// <summary>Creates the first administrator through the link; the link is spent in the same transaction.</summary>
    public async Task<SetupResult> CompleteAsync(string? token, string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var link = await FindValidLinkAsync(token, cancellationToken);
        if (link is null)
        {
            return SetupResult.Of(SetupOutcome.LinkInvalidOrExpired);
        }

        if (await HasAdministratorAsync(cancellationToken))
        {
            return SetupResult.Of(SetupOutcome.AlreadySetUp);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await CreateAdministratorAsync(email, displayName, password, "setup link", cancellationToken);
        if (result.Outcome != SetupOutcome.Created)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }

        db.Settings.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<SetupResult> CreateAdministratorAsync(string email, string displayName, string password, string how, CancellationToken cancellationToken)
    {
        await EnsureRolesAsync(cancellationToken);
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
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new SetupResult(SetupOutcome.Refused, [.. created.Errors.Select(e => e.Description)]);
        }

        Check(await users.AddToRoleAsync(user, PortalRoles.Administrator));
        await audit.RecordNowAsync(AuditActions.SetupCompleted, user.Id, user.Email!, subject: user.Email, detail: "first administrator created from " + how, cancellationToken: cancellationToken);
        return SetupResult.Of(SetupOutcome.Created);
    }

    private async Task<PortalSetting?> FindValidLinkAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var setting = await db.Settings.SingleOrDefaultAsync(s => s.Key == TokenSettingKey, cancellationToken);
        if (setting?.Value.Split('|') is not [var hash, var expiresText])
        {
            return null;
        }

        var expires = DateTime.Parse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(token)));
        return matches && time.GetUtcNow().UtcDateTime < expires ? setting : null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
