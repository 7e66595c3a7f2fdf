using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Content;

public enum ContentChangeKind
{
    QuestionTypeChanged,
    QuestionOptionsChanged,
    QuestionRemoved,

    /// <summary>The source withdrew the consultation: it stopped taking responses.</summary>
    Unpublished,

    /// <summary>The source published it again after a withdrawal.</summary>
    Republished,
}

/// <summary>
/// Something a content source changed that officers must know about (a question that now means something else, a
/// consultation withdrawn in Umbraco). Written when the change is imported; the back office lists the ones not yet
/// acknowledged.
/// </summary>
public sealed class ContentChangeNotice
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public Consultation Consultation { get; set; } = null!;

    /// <summary>The version that brought the change; null for a withdrawal, which changes no version.</summary>
    public int? VersionNumber { get; set; }

    public ContentChangeKind Kind { get; set; }

    public string? QuestionKey { get; set; }

    public required string Message { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? AcknowledgedUtc { get; set; }

    public static ContentChangeKind KindOf(QuestionChangeKind kind) => kind switch
    {
        QuestionChangeKind.TypeChanged => ContentChangeKind.QuestionTypeChanged,
        QuestionChangeKind.OptionsChanged => ContentChangeKind.QuestionOptionsChanged,
        _ => ContentChangeKind.QuestionRemoved,
    };
}
