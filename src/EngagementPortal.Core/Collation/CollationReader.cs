using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Stored = EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// Everything collation reads about a consultation besides the responses themselves: the questions (of the published
/// version), the places, the coding frame, the partner details. All small. A cached state is continued only over the
/// same <see cref="Fingerprint"/> (definition and places) with no theme renamed and no partner's details changed
/// (see <see cref="CollationStateCache"/>).
/// </summary>
public sealed record CollationSource(
    Guid ConsultationId,
    string Title,
    ConsultationVersion Version,
    CollationDefinition Definition,
    IReadOnlyDictionary<string, string> PlaceByDistrict,
    IReadOnlyDictionary<Guid, string> ThemeNames,
    PartnerCollationInputs Partners,
    string Fingerprint);

/// <summary>
/// Reads a consultation's stored responses into the collator, one <see cref="CollationAnswerSet"/> per response in
/// response-id order, streamed: one query joins responses, their answers and their theme tags, and rows are grouped
/// as they arrive, so only the response being assembled is in memory.
/// </summary>
public sealed class CollationReader(PortalDbContext db, IPartnerSubmissionDetails partners)
{
    /// <summary>Shown for a partner row whose submission the partners' register cannot describe.</summary>
    public const string GovernanceNotRecorded = "Not recorded";

    public async Task<CollationSource?> OpenAsync(string slug, CancellationToken cancellationToken)
    {
        var id = await db.Consultations.AsNoTracking().Where(c => c.Slug == slug).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        return id is null ? null : await OpenAsync(id.Value, cancellationToken);
    }

    /// <summary>The published version's questions (or the newest version's, before anything is published); null for no such consultation.</summary>
    public async Task<CollationSource?> OpenAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var versions = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.ConsultationId == consultationId)
            .ToListAsync(cancellationToken);
        var version = versions.Where(v => v.State == VersionState.Published).MaxBy(v => v.Number) ?? versions.MaxBy(v => v.Number);
        if (version is null)
        {
            return null;
        }

        var places = await db.Places.AsNoTracking().ToListAsync(cancellationToken);
        var placeByDistrict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var place in places.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var district in place.PostcodeDistricts)
            {
                placeByDistrict.TryAdd(district.Trim(), place.Name.Trim());
            }
        }

        var themes = await db.CodingThemes.AsNoTracking().Where(t => t.ConsultationId == consultationId)
            .Select(t => new { t.Id, t.Name, t.MergedIntoThemeId })
            .ToListAsync(cancellationToken);
        var byId = themes.ToDictionary(t => t.Id);
        var themeNames = new Dictionary<Guid, string>();
        foreach (var theme in themes)
        {
            // A merged theme's tags count under the theme it went into (following a chain of merges, never looping).
            var current = theme;
            for (var hops = 0; current.MergedIntoThemeId is { } next && byId.TryGetValue(next, out var target) && hops < byId.Count; hops++)
            {
                current = target;
            }

            themeNames[theme.Id] = current.Name.Trim();
        }

        var partnerInputs = await partners.ReadAsync(consultationId, cancellationToken);
        var definition = new CollationDefinition
        {
            ConsultationSlug = version.Consultation.Slug,
            Questions = version.Questions,
            Places = places.Select(p => p.Name.Trim()).Order(StringComparer.Ordinal).ToList(),
            InvitedOrganisations = partnerInputs.Invited.Select(i => i.Organisation).ToList(),
        };

        return new CollationSource(consultationId, version.Title, version, definition, placeByDistrict, themeNames, partnerInputs,
            Fingerprint(definition, placeByDistrict));
    }

    /// <summary>How many responses <see cref="ReadAsync"/> will yield (for progress).</summary>
    public Task<int> CountAsync(Guid consultationId, DateTime? changedSince, CancellationToken cancellationToken) =>
        Responses(consultationId, changedSince).CountAsync(cancellationToken);

    /// <summary>
    /// The equality monitoring answers counted per question and answer in the database (four GROUP BY queries: the
    /// rows are never read one by one, and they carry nothing that links them to a response; docs/adr/0032, 0132).
    /// </summary>
    public async Task<IReadOnlyList<EqualityCount>> CountEqualityAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var rows = db.EqualityMonitoring.AsNoTracking().Where(e => e.ConsultationId == consultationId);
        var result = new List<EqualityCount>();
        result.AddRange((await rows.GroupBy(e => e.AgeBand).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)).Select(g => new EqualityCount(RespondentProfile.AgeBand, g.Key, g.Count)));
        result.AddRange((await rows.GroupBy(e => e.Sex).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)).Select(g => new EqualityCount(RespondentProfile.Sex, g.Key, g.Count)));
        result.AddRange((await rows.GroupBy(e => e.Disability).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)).Select(g => new EqualityCount(RespondentProfile.Disability, g.Key, g.Count)));
        result.AddRange((await rows.GroupBy(e => e.Ethnicity).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)).Select(g => new EqualityCount(RespondentProfile.Ethnicity, g.Key, g.Count)));
        return result;
    }

    /// <summary>Every response of the consultation, or those changed at or after <paramref name="changedSince"/>.</summary>
    public async IAsyncEnumerable<CollationAnswerSet> ReadAsync(CollationSource source, DateTime? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows =
            from r in Responses(source.ConsultationId, changedSince)
            join a0 in db.ResponseAnswers.AsNoTracking() on r.Id equals a0.ResponseId into answers
            from a in answers.DefaultIfEmpty()
            join t0 in db.AnswerThemes.AsNoTracking() on a!.Id equals t0.ResponseAnswerId into tags
            from t in tags.DefaultIfEmpty()
            orderby r.Id, a!.Id
            select new Row(
                r.Id,
                r.RespondentType,
                r.OrganisationName,
                r.PostcodeDistrict,
                r.Email,
                r.PublishingConsent,
                r.PublishedName,
                r.Channel,
                r.ModerationState,
                r.UpdatedUtc,
                r.PartnerSubmissionId,
                a == null ? null : (long?)a.Id,
                a == null ? null : a.QuestionKey,
                a == null ? null : a.Choice,
                a == null ? null : a.Choices,
                a == null ? null : a.Text,
                a == null ? null : a.RedactedText,
                t == null ? null : (Guid?)t.ThemeId);

        var assembler = new Assembler(source);
        Row? first = null;
        var group = new List<Row>(16);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (first is not null && row.ResponseId != first.ResponseId)
            {
                yield return assembler.Assemble(group);
                group.Clear();
            }

            first = row;
            group.Add(row);
        }

        if (group.Count > 0)
        {
            yield return assembler.Assemble(group);
        }
    }

    private IQueryable<Response> Responses(Guid consultationId, DateTime? changedSince)
    {
        var query = db.Responses.AsNoTracking().Where(r => r.ConsultationId == consultationId);
        return changedSince is { } since ? query.Where(r => r.UpdatedUtc >= since) : query;
    }

    /// <summary>The definition and the places: a change to either changes how every response reads. Themes and partner
    /// details are compared entry by entry instead (<see cref="CollationStateCache"/>), since new ones change nothing already read.</summary>
    private static string Fingerprint(CollationDefinition definition, IReadOnlyDictionary<string, string> places)
    {
        var text = new StringBuilder();
        text.Append(JsonSerializer.Serialize(definition)).Append('\n');
        foreach (var (district, place) in places.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(district).Append('=').Append(place).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed record Row(
        Guid ResponseId,
        Stored.RespondentType RespondentType,
        string? OrganisationName,
        string? PostcodeDistrict,
        string? Email,
        Stored.PublishingConsent Consent,
        string? PublishedName,
        ResponseChannel Channel,
        Stored.ModerationState Moderation,
        DateTime UpdatedUtc,
        Guid? PartnerSubmissionId,
        long? AnswerId,
        string? QuestionKey,
        string? Choice,
        List<string>? Choices,
        string? Text,
        string? RedactedText,
        Guid? ThemeId);

    /// <summary>Turns the rows of one response into its answer set: a question's choice and its explanation (stored
    /// under two keys) become one answer, tags on either count for it, merged themes under their new name.</summary>
    private sealed class Assembler(CollationSource source)
    {
        private readonly Dictionary<string, (int Question, bool Explanation)> keys = KeysOf(source.Definition.Questions);

        private static Dictionary<string, (int, bool)> KeysOf(IReadOnlyList<Question> questions)
        {
            var keys = new Dictionary<string, (int, bool)>(StringComparer.Ordinal);
            for (var q = 0; q < questions.Count; q++)
            {
                keys.TryAdd(questions[q].AnswerKey, (q, false));
                if (questions[q].HasChoices)
                {
                    keys.TryAdd(questions[q].ExplanationKey, (q, true));
                }
            }

            return keys;
        }

        public CollationAnswerSet Assemble(List<Row> rows)
        {
            var r = rows[0];
            var questions = source.Definition.Questions;
            var parts = new Part?[questions.Count];
            long lastAnswer = -1;
            foreach (var row in rows)
            {
                if (row.AnswerId is not { } answerId || row.QuestionKey is null || !keys.TryGetValue(row.QuestionKey, out var key))
                {
                    continue;
                }

                var part = parts[key.Question] ??= new Part();
                if (answerId != lastAnswer)
                {
                    lastAnswer = answerId;
                    if (key.Explanation)
                    {
                        part.Explanation = row.Text;
                        part.RedactedExplanation = row.RedactedText;
                    }
                    else
                    {
                        if (row.Choice is not null)
                        {
                            part.Choices.Add(row.Choice);
                        }

                        if (row.Choices is not null)
                        {
                            part.Choices.AddRange(row.Choices);
                        }

                        part.Text = row.Text;
                        part.RedactedText = row.RedactedText;
                    }
                }

                if (row.ThemeId is { } themeId && source.ThemeNames.TryGetValue(themeId, out var theme) && !part.Themes.Contains(theme))
                {
                    part.Themes.Add(theme);
                }
            }

            var answers = new List<CollationAnswer>(questions.Count);
            for (var q = 0; q < questions.Count; q++)
            {
                if (parts[q] is { } part)
                {
                    var text = Join(part.Text, part.Explanation);
                    var redacted = part.RedactedText is null && part.RedactedExplanation is null ? null : Join(part.RedactedText ?? part.Text, part.RedactedExplanation ?? part.Explanation);
                    answers.Add(new CollationAnswer { QuestionKey = questions[q].Key, Choices = part.Choices, Text = text, RedactedText = redacted, Themes = part.Themes });
                }
            }

            var partner = r.RespondentType == Stored.RespondentType.PartnerOrganisation
                ? (r.PartnerSubmissionId is { } submission ? source.Partners.ByPartnerSubmissionId.GetValueOrDefault(submission) : null)
                    ?? new PartnerDetails(string.IsNullOrWhiteSpace(r.OrganisationName) ? "Unnamed organisation" : r.OrganisationName.Trim(), CollationReader.GovernanceNotRecorded)
                : null;
            return new CollationAnswerSet
            {
                ResponseId = r.ResponseId.ToString("D", CultureInfo.InvariantCulture),
                RespondentType = Map(r.RespondentType),
                Channel = ChannelName(r.Channel),
                Place = r.PostcodeDistrict is { } district && source.PlaceByDistrict.TryGetValue(district.Trim(), out var place) ? place : null,
                Moderation = Map(r.Moderation),
                Consent = Map(r.Consent),
                DisplayName = r.Consent == Stored.PublishingConsent.PublishWithName ? r.PublishedName ?? r.OrganisationName : null,
                RespondentKey = RespondentKey(r, partner),
                UpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(r.UpdatedUtc, DateTimeKind.Utc)),
                Answers = answers,
                Partner = partner,
            };
        }

        private static string? Join(string? first, string? second) =>
            string.IsNullOrWhiteSpace(first) ? (string.IsNullOrWhiteSpace(second) ? null : second)
            : string.IsNullOrWhiteSpace(second) ? first
            : first.Trim() + "\n\n" + second.Trim();

        /// <summary>The same person or organisation across responses, for "distinct respondents"; a hash, so no email is kept.</summary>
        private static string? RespondentKey(Row r, PartnerDetails? partner)
        {
            if (partner is not null)
            {
                return "partner:" + partner.OrganisationName.ToUpperInvariant();
            }

            if (string.IsNullOrWhiteSpace(r.Email))
            {
                return null;
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(r.Email.Trim().ToUpperInvariant()));
            return Convert.ToHexStringLower(hash.AsSpan(0, 12));
        }
    }

    private sealed class Part
    {
        public List<string> Choices { get; } = [];

        public List<string> Themes { get; } = [];

        public string? Text { get; set; }

        public string? RedactedText { get; set; }

        public string? Explanation { get; set; }

        public string? RedactedExplanation { get; set; }
    }

    /// <summary>Partner organisations' formal submissions are the tally's third column; other organisations answered publicly.</summary>
    public static RespondentType Map(Stored.RespondentType type) => type switch
    {
        Stored.RespondentType.Individual => RespondentType.Individual,
        Stored.RespondentType.Organisation => RespondentType.OrganisationPublic,
        Stored.RespondentType.PartnerOrganisation => RespondentType.PartnerSubmission,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ModerationState Map(Stored.ModerationState state) => state switch
    {
        Stored.ModerationState.None => ModerationState.None,
        Stored.ModerationState.Duplicate => ModerationState.Duplicate,
        Stored.ModerationState.Campaign => ModerationState.Campaign,
        Stored.ModerationState.Spam => ModerationState.Spam,
        Stored.ModerationState.Withdrawn => ModerationState.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static PublishingConsent Map(Stored.PublishingConsent consent) => consent switch
    {
        Stored.PublishingConsent.PublishWithName => PublishingConsent.PublishWithName,
        Stored.PublishingConsent.PublishAnonymously => PublishingConsent.PublishAnonymously,
        Stored.PublishingConsent.DoNotPublish => PublishingConsent.DoNotPublish,
        _ => throw new ArgumentOutOfRangeException(nameof(consent), consent, null),
    };

    /// <summary>The channel as the method statement names it.</summary>
    public static string ChannelName(ResponseChannel channel) => channel switch
    {
        ResponseChannel.PaperForm => "Paper form",
        ResponseChannel.EasyReadForm => "Easy read form",
        ResponseChannel.EventNotes => "Event notes",
        ResponseChannel.PartnerSubmission => "Partner submission",
        _ => channel.ToString(),
    };
}
