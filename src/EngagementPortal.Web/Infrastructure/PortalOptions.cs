using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>Who runs this portal and how people reach them (shown on the help pages).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    [Required]
    public string OrganisationName { get; set; } = "Your local health and care partnership";

    [Required, EmailAddress]
    public string ContactEmail { get; set; } = "engagement@example.nhs.uk";

    public string ContactPhone { get; set; } = "0300 123 4567";

    public string ContactAddress { get; set; } = "Engagement team, Freepost ENGAGEMENT";

    /// <summary>
    /// Where the portal's complete source is published, linked from every page's footer: PdfSharp's AGPL asks that
    /// people using the portal over a network are offered it (docs/adr/0006). Set it to this deployment's repository.
    /// </summary>
    [Required, Url]
    public string SourceCodeUrl { get; set; } = "https://example.org/engagement-portal/source";
}
