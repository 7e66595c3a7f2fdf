using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Core.Partners;

/// <summary>Section <c>Partners</c>.</summary>
public sealed class PartnerOptions
{
    public const string Section = "Partners";

    /// <summary>How long an invitation link works.</summary>
    [Range(1, 60)]
    public int InvitationDays { get; set; } = 14;

    /// <summary>Where letters are kept: a folder of its own, never served by the public /documents route.</summary>
    [Required]
    public string LettersPath { get; set; } = "umbraco/Data/partner-letters";

    [Range(1, 100 * 1024 * 1024)]
    public long LetterMaxBytes { get; set; } = 10 * 1024 * 1024;
}
