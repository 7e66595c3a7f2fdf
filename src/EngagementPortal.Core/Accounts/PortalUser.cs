using Microsoft.AspNetCore.Identity;

namespace EngagementPortal.Core.Accounts;

/// <summary>Everyone who signs in: staff (administrators and officers) and partner organisations' people.
/// The user name is the email address.</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Set when an administrator disables the account; sign-in is refused and existing cookies stop working.</summary>
    public DateTime? DisabledUtc { get; set; }

    public bool IsDisabled => DisabledUtc is not null;
}

/// <summary>The portal's role type: Identity's, keyed by Guid like the users.</summary>
public sealed class PortalRole : IdentityRole<Guid>
{
    public PortalRole()
    {
    }

    public PortalRole(string name)
        : base(name)
    {
        Id = Guid.NewGuid();
        NormalizedName = name.ToUpperInvariant();
    }
}
