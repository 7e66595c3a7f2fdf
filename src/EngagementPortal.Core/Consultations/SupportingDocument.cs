namespace EngagementPortal.Core.Consultations;

/// <summary>A document published with a consultation: a link to a file elsewhere or one stored by the portal.</summary>
public sealed record SupportingDocument
{
    public required string Title { get; init; }

    public required string Url { get; init; }

    /// <summary>"PDF", "DOCX" or null when unknown.</summary>
    public string? Format { get; init; }

    public long? SizeBytes { get; init; }
}
