using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Core.Responses;

public sealed class ResponseOptions
{
    public const string Section = "Responses";

    /// <summary>The letters before every reference ("ICS" gives ICS-7K3M-9QDP).</summary>
    [Required, RegularExpression("^[A-Z]{2,5}$")]
    public string ReferencePrefix { get; set; } = "ICS";

    /// <summary>How long a "save and come back later" link works (never past the consultation's close).</summary>
    [Range(1, 90)]
    public int SaveAndReturnDays { get; set; } = 28;

    /// <summary>The address emails link to (https://haveyoursay.example.nhs.uk). When empty, the address the
    /// request came to is used; set it in production so a forged Host header cannot reach an email.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}
