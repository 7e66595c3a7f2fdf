using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using CollationRunStatus = EngagementPortal.Core.Collation.CollationRunStatus;
using SnapshotJson = EngagementPortal.Core.Collation.SnapshotJson;

namespace EngagementPortal.Core.Coding;

public enum CodingOutcome
{
    Done,
    NotFound,
    Invalid,
}

public sealed record CodingResult(CodingOutcome Outcome, IReadOnlyList<FieldProblem> Problems, Guid? ThemeId = null)
{
    public static CodingResult Of(CodingOutcome outcome) => new(outcome, []);

    public static CodingResult Invalid(string field, string message) => new(CodingOutcome.Invalid, [new(field, message)]);
}

/// <summary>A place free text is typed: a free-text question, a question's follow-up, or the "Other" box of a choice question.</summary>
public sealed record CodableQuestion(string Key, int Number, string Label, int Answers, int Coded)
{
    /// <summary>The question the text belongs to, whose collation evidence carries the suggestions.</summary>
    public string QuestionKey { get; init; } = Key;

    /// <summary>Whole per cent coded, rounded down so 100 means every answer.</summary>
    public int PercentCoded => Answers == 0 ? 0 : (int)(Coded * 100L / Answers);
}

public sealed record ThemeView(Guid Id, string Name, string? Description, int Tags);

/// <summary>One answer on the coding page: its text, its place in the list, its tags and the collation's suggestion.</summary>
public sealed record AnswerToCode(
    long AnswerId,
    string Reference,
    string Text,
    int Position,
    int Total,
    long? PreviousId,
    long? NextId,
    IReadOnlyList<Guid> ThemeIds,
    IReadOnlyList<string> SuggestedThemes);

/// <summary>
/// The coding frame of each question's free text (docs/adr/0110): themes officers create, rename and merge, and the
/// tags that put answers under them. Only answers of counted responses (moderation None or Campaign) are coded;
/// duplicates, spam and withdrawn responses are left out of every figure, so coding them would be wasted effort.
/// Every change bumps the tagged responses' <see cref="Response.UpdatedUtc"/>, which incremental collation reads.
/// </summary>
public sealed class CodingFrame(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    /// <summary>The free-text places of the consultation's current version, with how many answers each has and how many are coded.</summary>
    public async Task<IReadOnlyList<CodableQuestion>?> QuestionsAsync(Guid consultationId, CancellationToken cancellationToken = default)
    {
        var places = await PlacesAsync(consultationId, cancellationToken);
        if (places is null)
        {
            return null;
        }

        var keys = places.Select(p => p.Key).ToList();
        var answers = await CodableAnswers(consultationId)
            .Where(a => keys.Contains(a.QuestionKey))
            .GroupBy(a => a.QuestionKey)
            .Select(g => new { Key = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var coded = await CodableAnswers(consultationId)
            .Where(a => keys.Contains(a.QuestionKey) && db.AnswerThemes.Any(t => t.ResponseAnswerId == a.Id))
            .GroupBy(a => a.QuestionKey)
            .Select(g => new { Key = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. places.Select(p => p with { Answers = answers.GetValueOrDefault(p.Key), Coded = coded.GetValueOrDefault(p.Key) })];
    }

    public async Task<CodableQuestion?> QuestionAsync(Guid consultationId, string key, CancellationToken cancellationToken = default) =>
        (await QuestionsAsync(consultationId, cancellationToken))?.FirstOrDefault(q => q.Key == key);

    /// <summary>The question's live themes (merged ones are hidden: their tags moved on), by name.</summary>
    public async Task<IReadOnlyList<ThemeView>> ThemesAsync(Guid consultationId, string key, CancellationToken cancellationToken = default)
    {
        var themes = await db.CodingThemes.AsNoTracking()
            .Where(t => t.ConsultationId == consultationId && t.QuestionKey == key && t.MergedIntoThemeId == null)
            .Select(t => new ThemeView(t.Id, t.Name, t.Description, db.AnswerThemes.Count(a => a.ThemeId == t.Id)))
            .ToListAsync(cancellationToken);
        return [.. themes.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<CodingResult> CreateThemeAsync(Guid consultationId, string key, string? name, string? description, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await QuestionAsync(consultationId, key, cancellationToken) is null)
        {
            return CodingResult.Of(CodingOutcome.NotFound);
        }

        var (cleanName, cleanDescription, problems) = Check(name, description);
        if (problems.Count == 0 && await NameTakenAsync(consultationId, key, cleanName, null, cancellationToken))
        {
            problems.Add(new("Name", $"There is already a theme called \u201c{cleanName}\u201d for this question"));
        }

        if (problems.Count > 0)
        {
            return new(CodingOutcome.Invalid, problems);
        }

        var theme = new CodingTheme
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            QuestionKey = key,
            Name = cleanName,
            Description = cleanDescription,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.CodingThemes.Add(theme);
        audit.Record(AuditActions.CodingThemeCreated, actor.Id, actor.Email, subject: await SubjectAsync(consultationId, key, cancellationToken), detail: cleanName);
        await db.SaveChangesAsync(cancellationToken);
        return new(CodingOutcome.Done, [], theme.Id);
    }

    /// <summary>Renames a theme (and rewrites its description). Tags stay; their responses change for collation.</summary>
    public async Task<CodingResult> RenameThemeAsync(Guid consultationId, Guid themeId, string? name, string? description, Actor actor, CancellationToken cancellationToken = default)
    {
        var theme = await db.CodingThemes.SingleOrDefaultAsync(t => t.Id == themeId && t.ConsultationId == consultationId && t.MergedIntoThemeId == null, cancellationToken);
        if (theme is null)
        {
            return CodingResult.Of(CodingOutcome.NotFound);
        }

        var (cleanName, cleanDescription, problems) = Check(name, description);
        if (problems.Count == 0 && await NameTakenAsync(consultationId, theme.QuestionKey, cleanName, themeId, cancellationToken))
        {
            problems.Add(new("Name", $"There is already a theme called \u201c{cleanName}\u201d for this question"));
        }

        if (problems.Count > 0)
        {
            return new(CodingOutcome.Invalid, problems, themeId);
        }

        var before = theme.Name;
        theme.Name = cleanName;
        theme.Description = cleanDescription;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (before != cleanName)
        {
            await TouchResponsesAsync(db.AnswerThemes.Where(a => a.ThemeId == themeId).Select(a => a.ResponseAnswerId), cancellationToken);
        }

        audit.Record(AuditActions.CodingThemeRenamed, actor.Id, actor.Email, subject: await SubjectAsync(consultationId, theme.QuestionKey, cancellationToken), detail: before == cleanName ? $"{cleanName}: description changed" : $"{before} \u2192 {cleanName}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CodingOutcome.Done, [], themeId);
    }

    /// <summary>
    /// Merges <paramref name="sourceId"/> into <paramref name="targetId"/> in one transaction: every tag moves to the
    /// target (an answer tagged with both keeps one tag), and the source row stays, pointing at the target, so the
    /// merge can be explained later and nothing tagged is lost.
    /// </summary>
    public async Task<CodingResult> MergeThemesAsync(Guid consultationId, Guid sourceId, Guid? targetId, Actor actor, CancellationToken cancellationToken = default)
    {
        var source = await db.CodingThemes.SingleOrDefaultAsync(t => t.Id == sourceId && t.ConsultationId == consultationId && t.MergedIntoThemeId == null, cancellationToken);
        if (source is null)
        {
            return CodingResult.Of(CodingOutcome.NotFound);
        }

        if (targetId is null)
        {
            return new(CodingOutcome.Invalid, [new("MergeInto", "Select the theme to merge it into")], sourceId);
        }

        if (targetId == sourceId)
        {
            return new(CodingOutcome.Invalid, [new("MergeInto", "Select a different theme: a theme cannot be merged into itself")], sourceId);
        }

        var target = await db.CodingThemes.SingleOrDefaultAsync(t => t.Id == targetId && t.ConsultationId == consultationId && t.QuestionKey == source.QuestionKey && t.MergedIntoThemeId == null, cancellationToken);
        if (target is null)
        {
            return new(CodingOutcome.Invalid, [new("MergeInto", "Select one of this question's themes")], sourceId);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sourceTags = db.AnswerThemes.Where(a => a.ThemeId == sourceId).Select(a => a.ResponseAnswerId);
        await TouchResponsesAsync(sourceTags, cancellationToken);

        // Only the answer ids move (one question's answers at most), never the answers themselves.
        var toMove = await sourceTags.Where(id => !db.AnswerThemes.Any(a => a.ThemeId == targetId && a.ResponseAnswerId == id)).ToListAsync(cancellationToken);
        var moved = await db.AnswerThemes.CountAsync(a => a.ThemeId == sourceId, cancellationToken);
        db.AnswerThemes.AddRange(toMove.Select(id => new AnswerTheme { ResponseAnswerId = id, ThemeId = target.Id, TaggedUtc = now }));
        await db.SaveChangesAsync(cancellationToken);
        await db.AnswerThemes.Where(a => a.ThemeId == sourceId).ExecuteDeleteAsync(cancellationToken);

        source.MergedIntoThemeId = target.Id;
        audit.Record(AuditActions.CodingThemesMerged, actor.Id, actor.Email, subject: await SubjectAsync(consultationId, source.QuestionKey, cancellationToken),
            detail: $"{source.Name} \u2192 {target.Name}: {moved} tags moved, {moved - toMove.Count} already there");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CodingOutcome.Done, [], target.Id);
    }

    /// <summary>
    /// The answer to code: <paramref name="answerId"/> when given, else the first answer with no theme yet, else the
    /// first answer. Answers are in the order they arrived (their row id). Null when the question has no answers.
    /// </summary>
    public async Task<AnswerToCode?> AnswerAsync(Guid consultationId, string key, long? answerId, CancellationToken cancellationToken = default)
    {
        var answers = CodableAnswers(consultationId).Where(a => a.QuestionKey == key);
        var current = answerId is { } id
            ? await answers.Where(a => a.Id == id).Select(a => new { a.Id, a.ResponseId, a.Text }).SingleOrDefaultAsync(cancellationToken)
            : await answers.Where(a => !db.AnswerThemes.Any(t => t.ResponseAnswerId == a.Id)).OrderBy(a => a.Id).Select(a => new { a.Id, a.ResponseId, a.Text }).FirstOrDefaultAsync(cancellationToken)
              ?? await answers.OrderBy(a => a.Id).Select(a => new { a.Id, a.ResponseId, a.Text }).FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return null;
        }

        var total = await answers.CountAsync(cancellationToken);
        var position = await answers.CountAsync(a => a.Id <= current.Id, cancellationToken);
        long? previous = await answers.Where(a => a.Id < current.Id).OrderByDescending(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        long? next = await answers.Where(a => a.Id > current.Id).OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        var themeIds = await db.AnswerThemes.Where(t => t.ResponseAnswerId == current.Id).Select(t => t.ThemeId).ToListAsync(cancellationToken);
        var reference = await db.Responses.Where(r => r.Id == current.ResponseId).Select(r => r.Reference).SingleAsync(cancellationToken);
        var suggested = themeIds.Count == 0 ? await SuggestionAsync(consultationId, key, current.ResponseId, cancellationToken) : [];
        return new AnswerToCode(current.Id, reference, current.Text ?? "", position, total, previous, next, themeIds, suggested);
    }

    /// <summary>Sets the answer's themes to exactly <paramref name="themeIds"/> (none clears them), audited.</summary>
    public async Task<CodingResult> TagAsync(Guid consultationId, string key, long answerId, IReadOnlyCollection<Guid> themeIds, Actor actor, CancellationToken cancellationToken = default)
    {
        var answer = await CodableAnswers(consultationId).Where(a => a.QuestionKey == key && a.Id == answerId).Select(a => new { a.Id, a.ResponseId }).SingleOrDefaultAsync(cancellationToken);
        if (answer is null)
        {
            return CodingResult.Of(CodingOutcome.NotFound);
        }

        var wanted = themeIds.Distinct().ToList();
        var themes = await db.CodingThemes.Where(t => wanted.Contains(t.Id) && t.ConsultationId == consultationId && t.QuestionKey == key && t.MergedIntoThemeId == null)
            .Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        if (themes.Count != wanted.Count)
        {
            return CodingResult.Invalid("Themes", "Select only this question's themes: one of them was merged or removed. Check the themes and save again");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.AnswerThemes.Where(t => t.ResponseAnswerId == answerId).ToListAsync(cancellationToken);
        var removed = existing.Where(t => !wanted.Contains(t.ThemeId)).ToList();
        var added = wanted.Where(id => existing.All(t => t.ThemeId != id)).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return CodingResult.Of(CodingOutcome.Done);
        }

        db.AnswerThemes.RemoveRange(removed);
        db.AnswerThemes.AddRange(added.Select(id => new AnswerTheme { ResponseAnswerId = answerId, ThemeId = id, TaggedUtc = now }));
        var response = await db.Responses.SingleAsync(r => r.Id == answer.ResponseId, cancellationToken);
        response.UpdatedUtc = now;
        audit.Record(AuditActions.AnswerCoded, actor.Id, actor.Email, subject: $"response {response.Reference}",
            detail: $"{key}: " + (themes.Count == 0 ? "no themes" : string.Join("; ", themes.Select(t => t.Name).Order(StringComparer.OrdinalIgnoreCase))));
        await db.SaveChangesAsync(cancellationToken);
        return CodingResult.Of(CodingOutcome.Done);
    }

    /// <summary>
    /// Accepts the collation's suggestion for an answer: each suggested theme is found by name in the frame (or added
    /// to it) and the answer is tagged with it, keeping any themes it already has. The suggestion is read again here,
    /// never taken from the form.
    /// </summary>
    public async Task<CodingResult> AcceptSuggestionAsync(Guid consultationId, string key, long answerId, Actor actor, CancellationToken cancellationToken = default)
    {
        var responseId = await CodableAnswers(consultationId).Where(a => a.QuestionKey == key && a.Id == answerId).Select(a => (Guid?)a.ResponseId).SingleOrDefaultAsync(cancellationToken);
        if (responseId is null)
        {
            return CodingResult.Of(CodingOutcome.NotFound);
        }

        var suggested = await SuggestionAsync(consultationId, key, responseId.Value, cancellationToken);
        if (suggested.Count == 0)
        {
            return CodingResult.Invalid("Themes", "There is no suggestion for this answer: select its themes instead");
        }

        var themes = await ThemesAsync(consultationId, key, cancellationToken);
        var ids = await db.AnswerThemes.Where(t => t.ResponseAnswerId == answerId).Select(t => t.ThemeId).ToListAsync(cancellationToken);
        foreach (var name in suggested)
        {
            var theme = themes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            var id = theme?.Id;
            if (id is null)
            {
                var created = await CreateThemeAsync(consultationId, key, name, "Suggested by the collation", actor, cancellationToken);
                if (created.Outcome != CodingOutcome.Done)
                {
                    return created;
                }

                id = created.ThemeId;
            }

            if (!ids.Contains(id!.Value))
            {
                ids.Add(id.Value);
            }
        }

        return await TagAsync(consultationId, key, answerId, ids, actor, cancellationToken);
    }

    /// <summary>
    /// The newest successful collation's suggested themes for this response's answer, or none. The snapshot keeps
    /// suggestions by question; an explanation's text is collated under its question's key.
    /// </summary>
    public async Task<IReadOnlyList<string>> SuggestionAsync(Guid consultationId, string key, Guid responseId, CancellationToken cancellationToken = default)
    {
        var json = await db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.Status == CollationRunStatus.Succeeded && r.SnapshotJson != null)
            .OrderByDescending(r => r.FinishedUtc).ThenByDescending(r => r.StartedUtc)
            .Select(r => r.SnapshotJson)
            .FirstOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return [];
        }

        var places = await PlacesAsync(consultationId, cancellationToken) ?? [];
        var questionKey = places.FirstOrDefault(p => p.Key == key)?.QuestionKey ?? key;
        var snapshot = SnapshotJson.Deserialize(json);
        var id = responseId.ToString();
        return snapshot.Content.Questions
            .Where(q => q.Key == key || q.Key == questionKey)
            .SelectMany(q => q.AnswerSuggestions)
            .FirstOrDefault(s => string.Equals(s.ResponseId, id, StringComparison.OrdinalIgnoreCase))?.Themes ?? [];
    }

    /// <summary>Answers with text, of responses that count (moderation None or Campaign).</summary>
    private IQueryable<ResponseAnswer> CodableAnswers(Guid consultationId) =>
        db.ResponseAnswers.AsNoTracking().Where(a => a.ConsultationId == consultationId && a.Text != null && a.Text != ""
            && db.Responses.Any(r => r.Id == a.ResponseId && (r.ModerationState == ModerationState.None || r.ModerationState == ModerationState.Campaign)));

    private async Task<IReadOnlyList<CodableQuestion>?> PlacesAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var versions = await db.ConsultationVersions.AsNoTracking().Where(v => v.ConsultationId == consultationId).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        // The version the public answers (else the draft, else the newest) decides which places exist.
        var version = versions.FirstOrDefault(v => v.State == VersionState.Published) ?? versions.FirstOrDefault(v => v.State == VersionState.Draft) ?? versions.MaxBy(v => v.Number)!;
        var places = new List<CodableQuestion>();
        foreach (var q in version.Questions)
        {
            if (q.Type == QuestionType.FreeText)
            {
                places.Add(new(q.AnswerKey, q.Number, $"{q.Number}. {q.Text}", 0, 0) { QuestionKey = q.AnswerKey });
            }
            else if (q.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice && q.Options.Any(ResponseRules.IsOther))
            {
                places.Add(new(q.AnswerKey, q.Number, $"{q.Number}. {q.Text} (what \u201cOther\u201d means)", 0, 0) { QuestionKey = q.AnswerKey });
            }

            if (q.FollowUpLabel is not null)
            {
                places.Add(new(q.ExplanationKey, q.Number, $"{q.Number}. {q.Text} ({q.FollowUpLabel})", 0, 0) { QuestionKey = q.AnswerKey });
            }
        }

        return places;
    }

    private async Task TouchResponsesAsync(IQueryable<long> answerIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var responseIds = db.ResponseAnswers.Where(a => answerIds.Contains(a.Id)).Select(a => a.ResponseId);
        await db.Responses.Where(r => responseIds.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedUtc, now), cancellationToken);
    }

    private async Task<bool> NameTakenAsync(Guid consultationId, string key, string name, Guid? except, CancellationToken cancellationToken)
    {
        var names = await db.CodingThemes.Where(t => t.ConsultationId == consultationId && t.QuestionKey == key && t.MergedIntoThemeId == null && t.Id != except)
            .Select(t => t.Name).ToListAsync(cancellationToken);
        return names.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    private async Task<string> SubjectAsync(Guid consultationId, string key, CancellationToken cancellationToken)
    {
        var slug = await db.Consultations.Where(c => c.Id == consultationId).Select(c => c.Slug).SingleAsync(cancellationToken);
        return $"consultation {slug} {key}";
    }

    private static (string Name, string? Description, List<FieldProblem> Problems) Check(string? name, string? description)
    {
        var problems = new List<FieldProblem>();
        var cleanName = ResponseRules.CleanText(name) ?? "";
        var cleanDescription = ResponseRules.CleanText(description);
        if (cleanName.Length == 0)
        {
            problems.Add(new("Name", "Enter a name for the theme"));
        }
        else if (cleanName.Length > NameMaxLength || cleanName.Contains('\n', StringComparison.Ordinal))
        {
            problems.Add(new("Name", $"The theme's name must be one line of {NameMaxLength} characters or fewer"));
        }

        if (cleanDescription is { Length: > DescriptionMaxLength })
        {
            problems.Add(new("Description", $"The description must be {DescriptionMaxLength:N0} characters or fewer"));
        }

        return (cleanName, cleanDescription, problems);
    }
}
