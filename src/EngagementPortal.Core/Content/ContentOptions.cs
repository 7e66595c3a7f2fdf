using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Core.Content;

public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>BuiltIn (packages under umbraco/content plus the back office) or UmbracoDelivery.</summary>
    [RegularExpression("^(BuiltIn|UmbracoDelivery)$", ErrorMessage = "Content:Source must be BuiltIn or UmbracoDelivery.")]
    public string Source { get; set; } = BuiltInSource;

    /// <summary>The content packages folder; relative paths are from the portal root (the folder holding umbraco/).</summary>
    public string PackagesPath { get; set; } = "umbraco/content";

    /// <summary>True when consultations come from a separately hosted Umbraco (Content:Umbraco:*).</summary>
    public bool IsUmbraco => string.Equals(Source, UmbracoDeliverySource, StringComparison.Ordinal);

    public const string BuiltInSource = "BuiltIn";

    public const string UmbracoDeliverySource = "UmbracoDelivery";
}
