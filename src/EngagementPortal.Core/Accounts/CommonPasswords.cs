using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace EngagementPortal.Core.Accounts;

/// <summary>
/// The shipped list of common and breached passwords (common-passwords.README.md). Length is the only
/// composition rule (NCSC and NIST SP 800-63B advice); this list catches the long ones people still reuse.
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <summary>True when the password, ignoring case, is on the list, or is a listed one with digits or
    /// symbols added before or after it ("Password1234!"), or is one character repeated.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Length == 0 || lower.All(c => c == lower[0]))
        {
            return true;
        }

        if (List.Value.Contains(lower))
        {
            return true;
        }

        var core = lower.Trim(Padding);
        return core.Length >= 4 && core.Length < lower.Length && List.Value.Contains(core);
    }

    private static readonly char[] Padding = [.. "0123456789!\"£$%^&*()-_=+[]{};:'@#~,.<>/?\\|`¬ "];

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("EngagementPortal.Core.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Identity's hook for <see cref="CommonPasswords"/>, plus "not your own email address".</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (CommonPasswords.IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too common: it appears in lists of passwords that criminals try first. Choose a different one, for example three random words.",
            }));
        }

        var email = user.Email ?? user.UserName;
        if (email is not null && (password.Contains(email, StringComparison.OrdinalIgnoreCase) || (email.Split('@')[0] is { Length: >= 4 } local && password.Contains(local, StringComparison.OrdinalIgnoreCase))))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContainsEmail",
                Description = "Your password must not contain your email address.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
