namespace EngagementPortal.Core.Partners;

/// <summary>The kinds of organisation in a health and care partnership (DOMAIN.md).</summary>
public enum OrganisationType
{
    NhsTrust,
    IcbOrCcg,
    LocalAuthority,
    Healthwatch,
    VoluntaryAndCommunitySector,
    ProviderCollaborative,
    PlaceBasedPartnership,
    HealthAndWellbeingBoard,
    PrimaryCareNetwork,
    Other,
}

public static class OrganisationTypes
{
    public static string Describe(OrganisationType type) => type switch
    {
        OrganisationType.NhsTrust => "NHS trust",
        OrganisationType.IcbOrCcg => "ICB or CCG",
        OrganisationType.LocalAuthority => "Local authority",
        OrganisationType.Healthwatch => "Healthwatch",
        OrganisationType.VoluntaryAndCommunitySector => "Voluntary and community sector",
        OrganisationType.ProviderCollaborative => "Provider collaborative",
        OrganisationType.PlaceBasedPartnership => "Place-based partnership",
        OrganisationType.HealthAndWellbeingBoard => "Health and Wellbeing Board",
        OrganisationType.PrimaryCareNetwork => "Primary care network",
        _ => "Other",
    };
}

/// <summary>An organisation in the partnership's register: it is invited to consultations, and its contributors
/// (Partner accounts bound to it by an organisation claim) draft its formal submission together.</summary>
public sealed class PartnerOrganisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public OrganisationType Type { get; set; }

    /// <summary>The places (<see cref="Place"/>) it covers.</summary>
    public List<Guid> PlaceIds { get; set; } = [];

    public string? ContactName { get; set; }

    /// <summary>Where invitations and reminders go until contributors have accounts.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Sample data from the seed papers, removable in one action.</summary>
    public bool IsSample { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>A single-use, expiring invitation to create a Partner account bound to one organisation. Only the
/// hash of its token is stored, like save-and-return links.</summary>
public sealed class PartnerInvitation
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>The consultation the officer invited the organisation to; null for a colleague's invitation.</summary>
    public Guid? ConsultationId { get; set; }

    public required string Email { get; set; }

    public required string TokenHash { get; set; }

    public required string InvitedBy { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? AcceptedUtc { get; set; }

    public Guid? AcceptedUserId { get; set; }
}
