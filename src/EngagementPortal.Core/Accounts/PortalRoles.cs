namespace EngagementPortal.Core.Accounts;

/// <summary>The three roles. "Staff" is Administrator or Officer.</summary>
public static class PortalRoles
{
    /// <summary>Staff accounts, the audit log, settings; and everything an officer does.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Everything about consultations and responses.</summary>
    public const string Officer = "Officer";

    /// <summary>People of partner organisations (the partners issue adds their organisation claim).</summary>
    public const string Partner = "Partner";

    public static readonly IReadOnlyList<string> All = [Administrator, Officer, Partner];

    public static readonly IReadOnlyList<string> Staff = [Administrator, Officer];
}
