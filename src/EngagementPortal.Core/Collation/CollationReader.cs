using System.Data;
using System.Data.Common;
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
    /// <remarks>
    /// One SQL query over the connection EF holds, read column by column with a data reader rather than materialised
    /// by EF (docs/adr/0147): a response's own columns are read once, on its first row, not once per answer row, the
    /// choices' JSON is parsed only when something was ticked, and repeated values (choices, question keys) are shared.
    /// </remarks>
    public async IAsyncEnumerable<CollationAnswerSet> ReadAsync(CollationSource source, DateTime? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = changedSince is null ? ReadSql : ReadSql.Replace("/*since*/", """ AND r."UpdatedUtc" >= @since""", StringComparison.Ordinal);
            AddParameter(command, "@consultation", nameof(Response.ConsultationId), source.ConsultationId);
            if (changedSince is { } since)
            {
                AddParameter(command, "@since", nameof(Response.UpdatedUtc), DateTime.SpecifyKind(since, DateTimeKind.Utc));
            }

            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var assembler = new Assembler(source);
            string? current = null;
            while (await rows.ReadAsync(cancellationToken))
            {
                var id = rows.GetString(0);
                if (!string.Equals(id, current, StringComparison.Ordinal))
                {
                    if (current is not null)
                    {
                        yield return assembler.Finish();
                    }

                    current = id;
                    assembler.Start(id, rows);
                }

                if (!rows.IsDBNull(11))
                {
                    assembler.Add(rows);
                }
            }

            if (current is not null)
            {
                yield return assembler.Finish();
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>Responses in id order, each response's rows together (its answers, once per theme tag, in whatever order:
    /// the assembler does not depend on it). Ordering by the response alone lets SQLite walk IX_responses_ConsultationId_Id
    /// and then the answers' and tags' keys with no sort; ordering by the answer too made it copy every row, text and all,
    /// through a sorter.</summary>
    private const string ReadSql = """
        SELECT r."Id", r."RespondentType", r."OrganisationName", r."PostcodeDistrict", r."Email", r."PublishingConsent",
               r."PublishedName", r."Channel", r."ModerationState", r."UpdatedUtc", r."PartnerSubmissionId",
               a."Id", a."QuestionKey", a."Choice", a."Choices", a."Text", a."RedactedText", t."ThemeId"
        FROM "responses" AS r
        LEFT JOIN "response_answers" AS a ON r."Id" = a."ResponseId"
        LEFT JOIN "answer_themes" AS t ON a."Id" = t."ResponseAnswerId"
        WHERE r."ConsultationId" = @consultation/*since*/
        ORDER BY r."Id"
        """;

    /// <summary>A parameter bound as the model stores the response column it is compared with (the provider's type
    /// mapping and value converter: a Guid as SQLite's upper-case text, an instant as UTC), as EF would bind it.</summary>
    private void AddParameter(DbCommand command, string name, string responseProperty, object value) =>
        command.Parameters.Add(ModelColumn.Of<Response>(db, responseProperty).Parameter(command, name, value));

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

    /// <summary>Turns the rows of one response into its answer set: a question's choice and its explanation (stored
    /// under two keys) become one answer, tags on either count for it, merged themes under their new name.</summary>
    private sealed class Assembler(CollationSource source)
    {
        private readonly Dictionary<string, (int Question, bool Explanation)> keys = KeysOf(source.Definition.Questions);

        /// <summary>Choice texts seen so far, so 800,000 rows of "Agree" are one string, not 800,000.</summary>
        private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);

        private Part?[] parts = [];
        private string responseId = "";
        private Stored.RespondentType respondentType;
        private string? organisationName;
        private string? postcodeDistrict;
        private string? email;
        private Stored.PublishingConsent consent;
        private string? publishedName;
        private ResponseChannel channel;
        private Stored.ModerationState moderation;
        private DateTime updatedUtc;
        private Guid? partnerSubmissionId;

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

        /// <summary>The response's own columns, read once from its first row.</summary>
        public void Start(string storedId, DbDataReader row)
        {
            responseId = Guid.Parse(storedId).ToString("D", CultureInfo.InvariantCulture);
            respondentType = Enum.Parse<Stored.RespondentType>(row.GetString(1));
            organisationName = row.IsDBNull(2) ? null : row.GetString(2);
            postcodeDistrict = row.IsDBNull(3) ? null : row.GetString(3);
            email = row.IsDBNull(4) ? null : row.GetString(4);
            consent = Enum.Parse<Stored.PublishingConsent>(row.GetString(5));
            publishedName = row.IsDBNull(6) ? null : row.GetString(6);
            channel = Enum.Parse<ResponseChannel>(row.GetString(7));
            moderation = Enum.Parse<Stored.ModerationState>(row.GetString(8));
            updatedUtc = row.GetDateTime(9);
            partnerSubmissionId = row.IsDBNull(10) ? null : row.GetGuid(10);
            parts = new Part?[source.Definition.Questions.Count];
        }

        /// <summary>One answer row (an answer repeats once per theme tag).</summary>
        public void Add(DbDataReader row)
        {
            var answerId = row.GetInt64(11);
            if (!keys.TryGetValue(Share(row.GetString(12)), out var key))
            {
                return;
            }

            var part = parts[key.Question] ??= new Part();
            if (answerId != (key.Explanation ? part.ExplanationId : part.MainId))
            {
                var text = row.IsDBNull(15) ? null : row.GetString(15);
                var redacted = row.IsDBNull(16) ? null : row.GetString(16);
                if (key.Explanation)
                {
                    part.ExplanationId = answerId;
                    part.Explanation = text;
                    part.RedactedExplanation = redacted;
                }
                else
                {
                    part.MainId = answerId;
                    if (!row.IsDBNull(13))
                    {
                        part.Choices.Add(Share(row.GetString(13)));
                    }

                    var choices = row.GetString(14);
                    if (choices != "[]")
                    {
                        foreach (var choice in JsonSerializer.Deserialize<List<string>>(choices) ?? [])
                        {
                            part.Choices.Add(Share(choice));
                        }
                    }

                    part.Text = text;
                    part.RedactedText = redacted;
                }
            }

            if (!row.IsDBNull(17) && source.ThemeNames.TryGetValue(row.GetGuid(17), out var theme) && !part.Themes.Contains(theme))
            {
                part.Themes.Add(theme);
            }
        }

        private string Share(string value)
        {
            if (shared.TryGetValue(value, out var known))
            {
                return known;
            }

            // Bounded: only short values repeat (choices, keys); anything else is kept as read.
            if (shared.Count < 4096)
            {
                shared[value] = value;
            }

            return value;
        }

        public CollationAnswerSet Finish()
        {
            var questions = source.Definition.Questions;
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

            var partner = respondentType == Stored.RespondentType.PartnerOrganisation
                ? (partnerSubmissionId is { } submission ? source.Partners.ByPartnerSubmissionId.GetValueOrDefault(submission) : null)
                    ?? new PartnerDetails(string.IsNullOrWhiteSpace(organisationName) ? "Unnamed organisation" : organisationName.Trim(), CollationReader.GovernanceNotRecorded)
                : null;
            return new CollationAnswerSet
            {
                ResponseId = responseId,
                RespondentType = Map(respondentType),
                Channel = ChannelName(channel),
                Place = postcodeDistrict is { } district && source.PlaceByDistrict.TryGetValue(district.Trim(), out var place) ? place : null,
                Moderation = Map(moderation),
                Consent = Map(consent),
                DisplayName = consent == Stored.PublishingConsent.PublishWithName ? publishedName ?? organisationName : null,
                RespondentKey = RespondentKey(email, partner),
                UpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(updatedUtc, DateTimeKind.Utc)),
                Answers = answers,
                Partner = partner,
            };
        }

        private static string? Join(string? first, string? second) =>
            string.IsNullOrWhiteSpace(first) ? (string.IsNullOrWhiteSpace(second) ? null : second)
            : string.IsNullOrWhiteSpace(second) ? first
            : first.Trim() + "\n\n" + second.Trim();

        /// <summary>The same person or organisation across responses, for "distinct respondents"; a hash, so no email is kept.</summary>
        private static string? RespondentKey(string? email, PartnerDetails? partner)
        {
            if (partner is not null)
            {
                return "partner:" + partner.OrganisationName.ToUpperInvariant();
            }

            if (string.IsNullOrWhiteSpace(email))
            {
                return null;
            }

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()), hash);
            return Convert.ToHexStringLower(hash[..12]);
        }
    }

    private sealed class Part
    {
        /// <summary>The answer rows already taken in (an answer comes once per theme tag): the choice's and the explanation's.</summary>
        public long MainId { get; set; } = -1;

        public long ExplanationId { get; set; } = -1;

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
