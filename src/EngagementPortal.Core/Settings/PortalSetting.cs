namespace EngagementPortal.Core.Settings;

/// <summary>A value the portal decides once and keeps (the demonstration shift, say).</summary>
public sealed class PortalSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
