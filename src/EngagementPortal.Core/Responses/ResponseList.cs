using System.Text.Json;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

/// <summary>An answer to look for: the option chosen for a question; <see cref="Multiple"/> when the question
/// takes several options, whose ticks are a JSON array rather than one column.</summary>
public sealed record ChoiceFilter(string QuestionKey, string Option, bool Multiple);

/// <summary>What an officer filters a consultation's responses by. Dates are UK calendar days, both inclusive.</summary>
public sealed record ResponseFilter
{
    public RespondentType? RespondentType { get; init; }

    public ResponseChannel? Channel { get; init; }

    public DateOnly? ReceivedFrom { get; init; }

    public DateOnly? ReceivedTo { get; init; }

    public ChoiceFilter? Choice { get; init; }

    public string? Search { get; init; }

    public Guid? ThemeId { get; init; }

    public ModerationState? Moderation { get; init; }

    public int Page { get; init; } = 1;
}

/// <summary>One line of the list: enough to recognise a response, with the start of its first written answer.</summary>
public sealed record ResponseRow(Guid Id, string Reference, DateTime SubmittedUtc, RespondentType RespondentType, string? OrganisationName, ResponseChannel Channel, ModerationState Moderation, string? Excerpt);

public sealed record ResponseListPage(
    IReadOnlyList<ResponseRow> Rows,
    int Total,
    int PageNumber,
    int PageCount,
    int ConsultationTotal,
    IReadOnlyDictionary<ModerationState, int> ByModeration);

/// <summary>A response with every answer, the themes each answer is tagged with, and what officers did to it.</summary>
public sealed record ResponseDetails(
    Response Response,
    ConsultationVersion Version,
    IReadOnlyDictionary<long, IReadOnlyList<string>> ThemesByAnswer,
    IReadOnlyList<AuditEntry> History);

/// <summary>
/// The back office's reading of responses: a filtered, paged list for one consultation and one response in full.
/// Filters become SQL the indexes answer (consultation + submitted time, consultation + question + choice, theme),
/// so the list stays quick at 100,000 responses (bench/responses); offset paging keeps pages linkable.
/// </summary>
public sealed class ResponseList(PortalDbContext db, DatabaseWriteGate? writeGate = null)
{
    public const int PageSize = 50;
    public const int SearchMaxLength = 200;
    public const int ExcerptLength = 160;

    public async Task<ResponseListPage> ListAsync(Guid consultationId, ResponseFilter filter, CancellationToken cancellationToken = default)
    {
        var byModeration = await db.Responses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId)
            .GroupBy(r => r.ModerationState)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        var consultationTotal = byModeration.Values.Sum();

        // The search's matches are found once, as one JSON array of distinct ids built by SQLite (12,000 rows read
        // one by one into .NET cost more than the match), then the count and the page read them back from it as one
        // parameter: otherwise each would redo the index work (on SQLite; elsewhere the search stays a subquery).
        IQueryable<Guid>? found = null;
        int? foundCount = null;
        if (CleanSearch(filter.Search) is { } term && UsesTextIndex(term))
        {
            // Answers written since the index last caught up are indexed first, so the search misses none (docs/adr/0150).
            await new AnswerTextIndex(db, writeGate).CatchUpAsync(cancellationToken);
            var (sql, parameters) = MatchingSql(consultationId, term);
            var distinct = """SELECT json_group_array(DISTINCT "Value") AS "Value" FROM (""" + sql + ")";
            var json = await db.Database.SqlQueryRaw<string>(distinct, parameters).SingleAsync(cancellationToken);
            found = db.Database.SqlQuery<Guid>($"""SELECT "value" AS "Value" FROM json_each({json})""");

            // Every element is a quoted Guid, two quotes each.
            foundCount = json.Count(c => c == '"') / 2;
        }

        // Everything but the answer; the answer is joined in the way that reads least (docs/adr/0113).
        var rest = Restricted(consultationId, filter, found);
        var onlyChoice = filter.Choice is not null && !RestrictsResponses(filter);
        int total;
        if (filter.Choice is { } choice)
        {
            var answers = ChoiceAnswers(choice).Where(a => a.ConsultationId == consultationId);
            if (onlyChoice)
            {
                // A response has one answer per question (unique index), so counting the answers is counting the
                // responses, and the covering choice index answers it without reading a response row.
                total = await answers.CountAsync(cancellationToken);
            }
            else if (Narrow(filter, byModeration, foundCount, consultationTotal))
            {
                // Few responses pass the other filters: probe each one's answer.
                total = await rest.CountAsync(r => ChoiceAnswers(choice).Any(a => a.ResponseId == r.Id), cancellationToken);
            }
            else
            {
                // The other filters pass most responses: walk the answers index and look up each answer's response.
                total = await answers.CountAsync(a => rest.Any(r => r.Id == a.ResponseId), cancellationToken);
            }
        }
        else if (foundCount is { } matches && !RestrictsResponses(filter with { Search = null }))
        {
            // The search's matches are distinct responses of this consultation already.
            total = matches;
        }
        else
        {
            total = await rest.CountAsync(cancellationToken);
        }

        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var paged = rest;
        if (filter.Choice is { } chosen)
        {
            // Newest first with a correlated EXISTS: the walk stops once the page is full, where an IN list would be
            // built whole first (40,000 ids for a popular option).
            paged = rest.Where(r => ChoiceAnswers(chosen).Any(a => a.ResponseId == r.Id));
        }

        List<ResponseRow> rows = total == 0 ? [] : await paged
            .OrderByDescending(r => r.SubmittedUtc).ThenByDescending(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new ResponseRow(
                r.Id,
                r.Reference,
                r.SubmittedUtc,
                r.RespondentType,
                r.OrganisationName,
                r.Channel,
                r.ModerationState,
                db.ResponseAnswers.Where(a => a.ResponseId == r.Id && a.Text != null).OrderBy(a => a.Id).Select(a => a.Text!.Substring(0, ExcerptLength + 1)).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        return new ResponseListPage(rows, total, page, pageCount, consultationTotal, byModeration);
    }

    /// <summary>The filter as a plain query (the tests hold the list's results to it; bench/responses prints its SQL).
    /// A search through it reads the answer-text index as it stands: catch the index up first
    /// (<see cref="AnswerTextIndex"/>) when it must see answers written moments ago.</summary>
    public IQueryable<Response> Filtered(Guid consultationId, ResponseFilter filter)
    {
        var query = Restricted(consultationId, filter, null);
        if (filter.Choice is { } choice)
        {
            var ids = ChoiceAnswers(choice).Where(a => a.ConsultationId == consultationId).Select(a => a.ResponseId);
            query = query.Where(r => ids.Contains(r.Id));
        }

        return query;
    }

    /// <summary>Whether any filter but the answer restricts which responses are listed.</summary>
    private static bool RestrictsResponses(ResponseFilter filter) =>
        filter.RespondentType is not null || filter.Channel is not null || filter.Moderation is not null
        || filter.ReceivedFrom is not null || filter.ReceivedTo is not null || filter.ThemeId is not null || CleanSearch(filter.Search) is not null;

    /// <summary>
    /// Whether the filters other than the answer are known to pass at most a tenth of the consultation's responses, from
    /// figures in hand: the count in a moderation state, the search's matches. Then probing each of those responses
    /// for the answer reads less than walking every answer to the question.
    /// </summary>
    private static bool Narrow(ResponseFilter filter, Dictionary<ModerationState, int> byModeration, int? foundCount, int consultationTotal)
    {
        var known = consultationTotal;
        if (filter.Moderation is { } state)
        {
            known = Math.Min(known, byModeration.GetValueOrDefault(state));
        }

        if (foundCount is { } matches)
        {
            known = Math.Min(known, matches);
        }

        return known <= consultationTotal / 10;
    }

    /// <summary>
    /// The answers that chose the option, across consultations (callers add the consultation or a response id).
    /// Multiple-choice ticks are a JSON array spelled by <see cref="JsonColumn.Options"/>: the option as that array
    /// spells it, right after "[" or ",", can only be a whole element (a quote inside a string is always escaped), so
    /// those rows need no parsing; json_each decides only the rows that hold the spelling elsewhere (spaced JSON).
    /// </summary>
    private IQueryable<ResponseAnswer> ChoiceAnswers(ChoiceFilter choice)
    {
        if (!choice.Multiple)
        {
            return db.ResponseAnswers.Where(a => a.QuestionKey == choice.QuestionKey && a.Choice == choice.Option);
        }

        var spelled = JsonSerializer.Serialize(choice.Option, JsonColumn.Options);
        var first = "[" + spelled;
        var next = "," + spelled;
        return db.ResponseAnswers.FromSql($"""
            SELECT * FROM "response_answers" WHERE "QuestionKey" = {choice.QuestionKey}
            AND (instr("Choices", {first}) > 0 OR instr("Choices", {next}) > 0
                OR (instr("Choices", {spelled}) > 0 AND EXISTS (SELECT 1 FROM json_each("Choices") WHERE "value" = {choice.Option})))
            """);
    }

    /// <summary>The filters other than the answer as a query; <paramref name="found"/>, when given, is the search's
    /// matches found already.</summary>
    private IQueryable<Response> Restricted(Guid consultationId, ResponseFilter filter, IQueryable<Guid>? found)
    {
        var query = db.Responses.AsNoTracking().Where(r => r.ConsultationId == consultationId);
        if (filter.RespondentType is { } type)
        {
            query = query.Where(r => r.RespondentType == type);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(r => r.Channel == channel);
        }

        if (filter.Moderation is { } moderation)
        {
            query = query.Where(r => r.ModerationState == moderation);
        }

        if (filter.ReceivedFrom is { } from)
        {
            var fromUtc = UkTime.FromUk(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(r => r.SubmittedUtc >= fromUtc);
        }

        if (filter.ReceivedTo is { } to)
        {
            var beforeUtc = UkTime.FromUk(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(r => r.SubmittedUtc < beforeUtc);
        }

        if (filter.ThemeId is { } themeId)
        {
            var ids = db.AnswerThemes.Where(t => t.ThemeId == themeId).Join(db.ResponseAnswers, t => t.ResponseAnswerId, a => a.Id, (t, a) => a.ResponseId);
            query = query.Where(r => ids.Contains(r.Id));
        }

        if (CleanSearch(filter.Search) is { } term)
        {
            var matching = found ?? Matching(consultationId, term);
            query = query.Where(r => matching.Contains(r.Id));
        }

        return query;
    }

    /// <summary>
    /// The ids of the consultation's responses a search term finds: the reference exactly, or the term inside the
    /// organisation's name, the email address or any answer's text (case aside, wildcards taken as text).
    /// On SQLite each part is an index's work, not a read of every response and answer (docs/adr/0104): the reference
    /// by its unique index, names and emails by scanning the covering (ConsultationId, OrganisationName / Email)
    /// indexes, and answer text by the FTS5 trigram index (migrations 20261122180000 and 20261122190000), where a
    /// quoted phrase matches any substring of three characters or more; the index keeps each answer's response and
    /// consultation, so no answer row is read (docs/adr/0113). A response may be named more than once (UNION ALL).
    /// Shorter terms, and other providers, fall back to LIKE over the rows.
    /// </summary>
    private IQueryable<Guid> Matching(Guid consultationId, string term)
    {
        var pattern = "%" + EscapeLike(term) + "%";
        var reference = term.ToUpperInvariant();
        if (!UsesTextIndex(term))
        {
            var inAnswers = db.ResponseAnswers.Where(a => a.ConsultationId == consultationId && a.Text != null && EF.Functions.Like(a.Text, pattern, "\\")).Select(a => a.ResponseId);
            return db.Responses.Where(r => r.ConsultationId == consultationId && (r.Reference == reference
                || (r.OrganisationName != null && EF.Functions.Like(r.OrganisationName, pattern, "\\"))
                || (r.Email != null && EF.Functions.Like(r.Email, pattern, "\\"))
                || inAnswers.Contains(r.Id))).Select(r => r.Id);
        }

        var (sql, parameters) = MatchingSql(consultationId, term);
        return db.Database.SqlQueryRaw<Guid>(sql, parameters);
    }

    /// <summary>Whether the term is found through SQLite's trigram index: it needs three characters.</summary>
    private bool UsesTextIndex(string term) => db.Database.IsSqlite() && term.EnumerateRunes().Count() >= 3;

    /// <summary>The SQLite search of <see cref="Matching"/> as SQL with its parameters, a column "Value" of ids (a
    /// response may appear more than once).</summary>
    private static (string Sql, object[] Parameters) MatchingSql(Guid consultationId, string term)
    {
        var pattern = "%" + EscapeLike(term) + "%";
        var phrase = "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        const string sql = """
            SELECT "Id" AS "Value" FROM "responses" WHERE "rowid" IN (
                SELECT "rowid" FROM "responses" WHERE "Reference" = {0} AND "ConsultationId" = {1}
                UNION ALL SELECT "rowid" FROM "responses" WHERE "ConsultationId" = {1} AND "OrganisationName" > '' AND "OrganisationName" LIKE {2} ESCAPE '\'
                UNION ALL SELECT "rowid" FROM "responses" WHERE "ConsultationId" = {1} AND "Email" > '' AND "Email" LIKE {2} ESCAPE '\')
            UNION ALL
            SELECT "ResponseId" FROM "response_answer_text" WHERE "response_answer_text" MATCH {3} AND "ConsultationId" = {1}
            """;
        return (sql, [term.ToUpperInvariant(), consultationId, pattern, phrase]);
    }

    /// <summary>The version whose questions the back office shows for a consultation's responses: the published one,
    /// or else the newest.</summary>
    public Task<ConsultationVersion?> VersionAsync(Guid consultationId, CancellationToken cancellationToken = default) =>
        db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.ConsultationId == consultationId)
            .OrderBy(v => v.State == VersionState.Published ? 0 : 1).ThenByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The consultation's current themes (merged ones are folded into their target), for the filter.</summary>
    public async Task<IReadOnlyList<CodingTheme>> ThemesAsync(Guid consultationId, CancellationToken cancellationToken = default) =>
        await db.CodingThemes.AsNoTracking().Where(t => t.ConsultationId == consultationId && t.MergedIntoThemeId == null)
            .OrderBy(t => t.QuestionKey).ThenBy(t => t.Name).ToListAsync(cancellationToken);

    public async Task<ResponseDetails?> FindAsync(Guid consultationId, Guid responseId, CancellationToken cancellationToken = default)
    {
        var response = await db.Responses.AsNoTracking().Include(r => r.Answers.OrderBy(a => a.Id))
            .SingleOrDefaultAsync(r => r.Id == responseId && r.ConsultationId == consultationId, cancellationToken);
        if (response is null)
        {
            return null;
        }

        var version = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation).SingleAsync(v => v.Id == response.ConsultationVersionId, cancellationToken);
        var answerIds = response.Answers.Select(a => a.Id).ToList();
        var tags = await db.AnswerThemes.AsNoTracking().Where(t => answerIds.Contains(t.ResponseAnswerId))
            .Join(db.CodingThemes, t => t.ThemeId, c => c.Id, (t, c) => new { t.ResponseAnswerId, c.Name })
            .ToListAsync(cancellationToken);
        var themes = tags.GroupBy(t => t.ResponseAnswerId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(t => t.Name).Order(StringComparer.CurrentCulture)]);
        var subject = SubjectOf(response.Reference);
        var history = await db.AuditEntries.AsNoTracking().Where(e => e.Subject == subject).OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        return new ResponseDetails(response, version, themes, history);
    }

    /// <summary>How audit entries name a response, so its page can show its history.</summary>
    public static string SubjectOf(string reference) => "response " + reference;

    public static string? CleanSearch(string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return null;
        }

        return term.Length > SearchMaxLength ? term[..SearchMaxLength] : term;
    }

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
