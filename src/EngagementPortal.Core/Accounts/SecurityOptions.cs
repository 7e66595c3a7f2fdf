using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Core.Accounts;

/// <summary>Sign-in rules (section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Staff must sign in with an authenticator app as well as a password.</summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;

    /// <summary>Signed out after this long without a request.</summary>
    [Range(2, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 20;

    /// <summary>How long before the idle sign-out the page warns (WCAG 2.2.1 asks for at least 20 seconds to respond).</summary>
    [Range(1, 60)]
    public int IdleWarningMinutes { get; set; } = 2;

    [Range(3, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>The first administrator (section <c>Portal:Setup</c>): unattended from these settings, otherwise a one-time link.</summary>
public sealed class SetupOptions
{
    public const string Section = "Portal:Setup";

    [EmailAddress]
    public string? AdministratorEmail { get; set; }

    public string? AdministratorPassword { get; set; }

    /// <summary>How long the one-time setup link printed at first start works.</summary>
    [Range(1, 7 * 24)]
    public int LinkLifetimeHours { get; set; } = 24;
}
