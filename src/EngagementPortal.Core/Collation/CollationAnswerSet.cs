using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Collation;

/// <summary>Who answered: the columns of every tally.</summary>
public enum RespondentType
{
    Individual,
    OrganisationPublic,
    PartnerSubmission,
}

/// <summary>
/// Officers' moderation of a response. Campaign responses are counted in a column of their own;
/// duplicates, spam and withdrawn responses are left out of every figure and counted separately.
/// </summary>
public enum ModerationState
{
    None,
    Duplicate,
    Campaign,
    Spam,
    Withdrawn,
}

/// <summary>What the respondent agreed to: quotes and published exports use only the first two.</summary>
public enum PublishingConsent
{
    PublishWithName,
    PublishAnonymously,
    DoNotPublish,
}

/// <summary>
/// One answer to one question: the option(s) chosen and/or free text. <see cref="RedactedText"/> is the
/// text with officers' redactions applied, used for every quote; <see cref="Themes"/> are the officers' codes.
/// </summary>
public sealed record CollationAnswer
{
    public required string QuestionKey { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public string? Text { get; init; }

    public string? RedactedText { get; init; }

    public IReadOnlyList<string> Themes { get; init; } = [];
}

/// <summary>A partner organisation's formal submission: who, and how far through its own governance it is.</summary>
public sealed record PartnerDetails(string OrganisationName, string GovernanceStatus, string? KeyQuote = null);

/// <summary>
/// One response as collation sees it, mapped from a stored response or partner submission. Collation
/// consumes these as a stream; a changed response is sent again with the same <see cref="ResponseId"/>.
/// </summary>
public sealed record CollationAnswerSet
{
    public required string ResponseId { get; init; }

    public required RespondentType RespondentType { get; init; }

    /// <summary>Online, paper, email, easy read, event... shown in the method statement, not a tally column.</summary>
    public string Channel { get; init; } = "Online";

    /// <summary>One of the places officers defined, or null when not given.</summary>
    public string? Place { get; init; }

    public ModerationState Moderation { get; init; } = ModerationState.None;

    public PublishingConsent Consent { get; init; } = PublishingConsent.DoNotPublish;

    /// <summary>The name shown with a quote when the respondent chose to publish with their name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Identifies one person or organisation across responses (a hashed email, say), for "distinct respondents".</summary>
    public string? RespondentKey { get; init; }

    /// <summary>When the response last changed; incremental runs take responses changed after the previous watermark.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<CollationAnswer> Answers { get; init; } = [];

    /// <summary>Equality monitoring answers: question (e.g. "Age") to answer (e.g. "35 to 44").</summary>
    public IReadOnlyDictionary<string, string> Equality { get; init; } = new Dictionary<string, string>();

    public PartnerDetails? Partner { get; init; }
}

/// <summary>What collation needs besides the answers: the questions, the places, and who was invited.</summary>
public sealed record CollationDefinition
{
    public required string ConsultationSlug { get; init; }

    public required IReadOnlyList<Question> Questions { get; init; }

    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>Partner organisations invited to submit, for "who responded compared with who was invited".</summary>
    public IReadOnlyList<string> InvitedOrganisations { get; init; } = [];
}
