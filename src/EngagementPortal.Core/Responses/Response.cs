namespace EngagementPortal.Core.Responses;

public enum RespondentType
{
    Individual,
    Organisation,

    /// <summary>A partner organisation's signed-off formal submission (the partners' workspace writes this row on submit).</summary>
    PartnerOrganisation,
}

public enum PublishingConsent
{
    PublishWithName,
    PublishAnonymously,
    DoNotPublish,
}

/// <summary>How a response reached the portal: online through the public journey, or typed in by an officer.</summary>
public enum ResponseChannel
{
    Online,
    Email,
    Letter,
    Telephone,
    PaperForm,
    EasyReadForm,
    EventNotes,
    PartnerSubmission,
}

/// <summary>
/// Officers' moderation. Campaign responses are counted in a column of their own; duplicates, spam and withdrawn
/// responses are left out of every figure and counted separately. Moderation never deletes anything.
/// </summary>
public enum ModerationState
{
    None,
    Duplicate,
    Campaign,
    Spam,
    Withdrawn,
}

/// <summary>
/// One submitted response from a member of the public (or entered by an officer for another channel). It keeps
/// the consultation version it answered, so a later wording fix never changes what was asked.
/// </summary>
public sealed class Response
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public Guid ConsultationVersionId { get; set; }

    /// <summary>The reference printed on the confirmation page and receipt, e.g. ICS-7K3M-9QDP. Unique.</summary>
    public required string Reference { get; set; }

    /// <summary>One per journey: a second submit of the same journey finds this and returns the same reference.</summary>
    public required string IdempotencyKey { get; set; }

    public RespondentType RespondentType { get; set; }

    public string? OrganisationName { get; set; }

    public string? Role { get; set; }

    /// <summary>The outward part of a postcode only ("YO1", "HU17"): enough to see where views come from, not who.</summary>
    public string? PostcodeDistrict { get; set; }

    public string? Email { get; set; }

    public PublishingConsent PublishingConsent { get; set; }

    /// <summary>The name to publish with, when <see cref="PublishingConsent"/> is <see cref="PublishingConsent.PublishWithName"/>.</summary>
    public string? PublishedName { get; set; }

    public ResponseChannel Channel { get; set; } = ResponseChannel.Online;

    public DateTime SubmittedUtc { get; set; }

    public ModerationState ModerationState { get; set; } = ModerationState.None;

    /// <summary>Why an officer moderated it, shown beside the state.</summary>
    public string? ModerationReason { get; set; }

    /// <summary>When anything collation reads last changed (moderation, redaction, coding, a resubmission):
    /// incremental collation takes responses changed after its previous watermark.</summary>
    public DateTime UpdatedUtc { get; set; }

    /// <summary>For <see cref="RespondentType.PartnerOrganisation"/>: the formal submission this row carries.</summary>
    public Guid? PartnerSubmissionId { get; set; }

    public List<ResponseAnswer> Answers { get; set; } = [];
}

/// <summary>
/// One answer of a response: the choice (or choices) and any text. Rows carry the consultation, so collation
/// streams them by consultation and question without touching the responses table.
/// </summary>
public sealed class ResponseAnswer
{
    public long Id { get; set; }

    public Guid ResponseId { get; set; }

    public Guid ConsultationId { get; set; }

    /// <summary>The question's stable key, or its explanation key for the follow-up text.</summary>
    public required string QuestionKey { get; set; }

    /// <summary>The option chosen for a single-answer question (agree/disagree, yes/no, single choice).</summary>
    public string? Choice { get; set; }

    /// <summary>The options ticked for a multiple-choice question, in the question's order.</summary>
    public List<string> Choices { get; set; } = [];

    /// <summary>Free text: the answer to a free-text question, an explanation, or what "Other" means.</summary>
    public string? Text { get; set; }

    /// <summary>The text with officers' redactions of personal data applied, used for every quote and published
    /// export; null when nothing was redacted. The original stays in <see cref="Text"/>, for staff only.</summary>
    public string? RedactedText { get; set; }
}

/// <summary>
/// Equality monitoring answers (Public Sector Equality Duty), kept apart from responses and deliberately not
/// linked to one, so they can be counted but never tied back to a person's views (docs/adr/0032).
/// </summary>
public sealed class EqualityMonitoring
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public string? AgeBand { get; set; }

    public string? Sex { get; set; }

    public string? Disability { get; set; }

    public string? Ethnicity { get; set; }

    /// <summary>The day only: a finer time would let someone match the row to a response.</summary>
    public DateOnly SubmittedOn { get; set; }
}

/// <summary>A per-name counter (one named "responses") that hands out reference sequence numbers inside the
/// submitting transaction, so references are unique by construction.</summary>
public sealed class ReferenceCounter
{
    public required string Name { get; set; }

    public long Value { get; set; }
}
