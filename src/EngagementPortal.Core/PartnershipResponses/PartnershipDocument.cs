using EngagementPortal.Core.Collation;

namespace EngagementPortal.Core.PartnershipResponses;

/// <summary>One partner organisation's answer to one question, for the question's section.</summary>
public sealed record PartnerAnswer(string Organisation, string GovernanceStatus, string? Position);

/// <summary>One question of the document: the narrative (Markdown with numbered markers, and as plain blocks), what the markers refer to, and the evidence.</summary>
public sealed record DocumentSection(
    QuestionEvidence Evidence,
    string NarrativeMarkdown,
    IReadOnlyList<NarrativeBlock> Narrative,
    IReadOnlyList<CitedReference> References,
    IReadOnlyList<PartnerAnswer> Partners);

/// <summary>
/// A version of the partnership response with its snapshot's evidence, ready to draw: the HTML preview and results
/// page, the Word and the PDF writers all render this one model, so the three show the same words and numbers.
/// </summary>
public sealed record PartnershipDocument(
    string Title,
    string ConsultationSlug,
    int VersionNumber,
    PartnershipResponseState State,
    DateTime? SignedOffUtc,
    string? SignedOffBy,
    string? SignedOffRole,
    DateTimeOffset SnapshotTakenAt,
    string SnapshotHash,
    ResponseCounts Responses,
    IReadOnlyList<DocumentSection> Sections,
    PartnerPositions Partners,
    IReadOnlyList<QuestionEvidence> Questions,
    string MethodStatement,
    string? YouSaidWeDid,
    IReadOnlyList<Breakdown>? EqualityProfile = null)
{
    /// <summary>Who responded by equality group (docs/adr/0132), small groups suppressed; empty when nobody answered.</summary>
    public IReadOnlyList<Breakdown> Profile => EqualityProfile ?? [];

    /// <summary>Who signed it off and when, or that it is still a draft: the line under the title in every format.</summary>
    public string StatusLine => State == PartnershipResponseState.SignedOff && SignedOffUtc is { } at
        ? $"Version {VersionNumber}, signed off by {SignedOffBy} ({SignedOffRole}) at {Time.UkTime.FormatDeadline(at)}."
        : VersionNumber == EvidenceOnlyVersion
            ? "Collated evidence only: no officers' narrative, not signed off."
            : $"Draft version {VersionNumber}: not signed off.";

    /// <summary>The version number of a document made from a snapshot alone (versions officers write start at 1).</summary>
    public const int EvidenceOnlyVersion = 0;

    /// <summary>Which evidence the narrative cites, so a reader can ask for the same snapshot.</summary>
    public string EvidenceLine => $"Evidence: the collation of {Time.UkTime.FormatDeadline(SnapshotTakenAt.UtcDateTime)}, {Responses.Overall:N0} responses counted (content hash {SnapshotHash}).";

    /// <summary>The response counts in words and figures, in the same rows everywhere.</summary>
    public IReadOnlyList<(string Label, int Count)> ResponseRows =>
    [
        ("Individuals", Responses.Individual), ("Organisations", Responses.OrganisationPublic), ("Partner submissions", Responses.PartnerSubmission),
        ("Overall", Responses.Overall), ("Campaign (own column)", Responses.Campaign), ("Excluded: duplicate", Responses.Duplicate),
        ("Excluded: spam", Responses.Spam), ("Excluded: withdrawn", Responses.Withdrawn),
    ];

    public static PartnershipDocument Build(string title, PartnershipResponseVersion version, CollationSnapshot snapshot)
    {
        var content = snapshot.Content;
        var sections = content.Questions.Select(question =>
        {
            var (markdown, references) = Citations.Number(version.NarrativeFor(question.Key), question, content);
            var column = IndexOf(content.Partners.QuestionKeys, question.Key);
            var partners = column < 0
                ? []
                : content.Partners.Organisations.Select(o => new PartnerAnswer(o.Organisation, o.GovernanceStatus, column < o.Positions.Count ? o.Positions[column] : null)).ToList();
            return new DocumentSection(question, markdown, NarrativeBlocks.From(markdown), references, partners);
        }).ToList();
        return new PartnershipDocument(
            title, content.ConsultationSlug, version.Number, version.State, version.SignedOffUtc, version.SignedOffBy, version.SignedOffRole,
            snapshot.TakenAt, snapshot.ContentHash, content.Responses, sections, content.Partners, content.Questions, content.MethodStatement, version.YouSaidWeDid,
            RespondentProfile.In(content));
    }

    /// <summary>
    /// A snapshot's evidence with no narrative, for exports made straight from a collation (the command line's
    /// <c>collate --out</c>): the same writers draw it, so its PDF shows the figures the Word and CSV files show.
    /// </summary>
    public static PartnershipDocument EvidenceOnly(string title, CollationSnapshot snapshot) =>
        Build(title, new PartnershipResponseVersion { Number = EvidenceOnlyVersion, State = PartnershipResponseState.Draft, SnapshotHash = snapshot.ContentHash, UpdatedBy = "" }, snapshot);

    private static int IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }
}
