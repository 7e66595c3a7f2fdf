namespace EngagementPortal.Core.Collation;

/// <summary>
/// The immutable result of one collation: when it was taken, the hash of its content (the same
/// responses always give the same hash, whether collated in full or incrementally) and the evidence.
/// </summary>
public sealed record CollationSnapshot(DateTimeOffset TakenAt, string ContentHash, CollationContent Content);

/// <summary>Everything the hash covers: a pure function of the definition, the options and the current responses.</summary>
public sealed record CollationContent(
    string ConsultationSlug,
    ResponseCounts Responses,
    IReadOnlyList<QuestionEvidence> Questions,
    PartnerPositions Partners,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<InvitedOrganisation> Invited,
    string MethodStatement);

/// <summary>Included responses by column, and those left out by reason.</summary>
public sealed record ResponseCounts(
    int Individual,
    int OrganisationPublic,
    int PartnerSubmission,
    int Campaign,
    int Overall,
    int Duplicate,
    int Spam,
    int Withdrawn,
    IReadOnlyList<NamedCount> ByChannel);

public sealed record NamedCount(string Name, int Count);

/// <summary>One row of a tally: a count and a percentage (of the column's responses) per column.</summary>
public sealed record TallyRow(string Option, TallyCell Individual, TallyCell OrganisationPublic, TallyCell PartnerSubmission, TallyCell Overall, TallyCell Campaign);

public sealed record TallyCell(int Count, double Percent);

public static class TallyRows
{
    public const string NotAnswered = "Not answered";
}

public sealed record Quote(string ResponseId, string Attribution, string Text);

public sealed record CodedTheme(string Name, int Count, double Percent, IReadOnlyList<Quote> Quotes);

public sealed record SuggestedThemeEvidence(string Label, IReadOnlyList<string> Terms, int Answers, IReadOnlyList<Quote> Quotes);

/// <summary>A suggested theme for one uncoded answer, for officers to confirm or correct.</summary>
public sealed record AnswerSuggestion(string ResponseId, IReadOnlyList<string> Themes, double Confidence);

/// <summary>A group of nearly identical answers, with the figures side by side.</summary>
public sealed record CampaignGroup(int RawSubmissions, int DistinctTexts, int DistinctRespondents, int MarkedCampaign, string ExampleText);

public sealed record QuestionEvidence(
    string Key,
    int Number,
    string Text,
    IReadOnlyList<TallyRow> Tally,
    int FreeTextAnswers,
    IReadOnlyList<CodedTheme> CodedThemes,
    IReadOnlyList<SuggestedThemeEvidence> SuggestedThemes,
    IReadOnlyList<AnswerSuggestion> AnswerSuggestions,
    IReadOnlyList<CampaignGroup> Campaigns);

/// <summary>Organisation × question: each organisation's chosen option per question, its key quote and governance status.</summary>
public sealed record PartnerPositions(IReadOnlyList<string> QuestionKeys, IReadOnlyList<PartnerPosition> Organisations);

public sealed record PartnerPosition(string Organisation, string GovernanceStatus, IReadOnlyList<string?> Positions, string? KeyQuote);

/// <summary>Respondents by place or by one equality question; groups under the threshold are suppressed (count null).</summary>
public sealed record Breakdown(string Dimension, IReadOnlyList<BreakdownGroup> Groups);

public sealed record BreakdownGroup(string Group, int? Respondents, bool Suppressed, IReadOnlyList<BreakdownCell> ByQuestion);

/// <summary>For one agree/disagree or choice question, the group's counts per option (only when the group is shown).</summary>
public sealed record BreakdownCell(string QuestionKey, IReadOnlyList<NamedCount> Options);

public sealed record InvitedOrganisation(string Organisation, bool Submitted, string? GovernanceStatus);
