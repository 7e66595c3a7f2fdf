using System.Security.Claims;

namespace EngagementPortal.Core.Partners;

/// <summary>The claim that binds a Partner account to its organisation, set once when an invitation is accepted.
/// Every partner page scopes its queries by it.</summary>
public static class PartnerClaims
{
    public const string Organisation = "partner_organisation";

    public static Guid? OrganisationOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(Organisation)?.Value, out var id) ? id : null;
}
