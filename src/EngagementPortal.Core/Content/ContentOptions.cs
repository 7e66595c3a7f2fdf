namespace EngagementPortal.Core.Content;

public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>BuiltIn (packages under umbraco/content plus the back office) or UmbracoDelivery.</summary>
    public string Source { get; set; } = "BuiltIn";

    /// <summary>The content packages folder; relative paths are from the portal root (the folder holding umbraco/).</summary>
    public string PackagesPath { get; set; } = "umbraco/content";
}
