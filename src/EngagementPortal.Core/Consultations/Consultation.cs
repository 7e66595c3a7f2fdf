namespace EngagementPortal.Core.Consultations;

public enum ContentOrigin
{
    /// <summary>A content package under umbraco/content, imported at start.</summary>
    Package,

    /// <summary>Authored in the portal's back office.</summary>
    BackOffice,

    /// <summary>Read from a separately hosted Umbraco's Content Delivery API.</summary>
    Umbraco,
}

/// <summary>
/// A proposal the public and partners respond to. The identity and URL live here; every word and date
/// lives in a <see cref="ConsultationVersion"/>, so published text is immutable and each response
/// keeps the version it answered.
/// </summary>
public sealed class Consultation
{
    public Guid Id { get; set; }

    /// <summary>URL segment: /consultations/{slug}. Stable: campaigns and letters print it.</summary>
    public required string Slug { get; set; }

    public ContentOrigin Origin { get; set; }

    /// <summary>The key the origin knows the consultation by (package item id, Umbraco content key).</summary>
    public string? OriginKey { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When its source withdrew it (an Umbraco unpublish): from then on it takes no responses; the ones it has stay.</summary>
    public DateTime? UnpublishedUtc { get; set; }

    public List<ConsultationVersion> Versions { get; set; } = [];
}
