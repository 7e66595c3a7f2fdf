using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Consultations;

public sealed record DayCount(DateOnly Day, int Count);

public sealed record NamedTotal(string Name, int Count);

/// <summary>One question's tally over counted responses: a count per option, then "Not answered".</summary>
public sealed record QuestionTally(string Key, int Number, string Text, QuestionType Type, IReadOnlyList<NamedTotal> Options, int NotAnswered);

/// <summary>How long until a deadline, in UK calendar days (negative once passed).</summary>
public sealed record TimeLeft(DateTime Utc, int Days, bool Passed);

public sealed record DashboardFigures(
    string Title,
    string Slug,
    int Counted,
    int Campaign,
    IReadOnlyList<NamedTotal> LeftOut,
    IReadOnlyList<DayCount> ByDay,
    IReadOnlyList<NamedTotal> ByRespondentType,
    IReadOnlyList<NamedTotal> ByChannel,
    IReadOnlyList<QuestionTally> Questions,
    TimeLeft Closes,
    TimeLeft? PartnershipDeadline);

/// <summary>
/// The figures on a consultation's dashboard, aggregated by the database (GROUP BY and COUNT: no response is loaded).
/// Only counted responses (moderation None or Campaign) are in any figure, as in the collation; duplicates, spam and
/// withdrawn responses are reported beside them, so nothing is hidden.
/// </summary>
public sealed class ConsultationDashboard(PortalDbContext db, TimeProvider time)
{
    public static readonly ModerationState[] CountedStates = [ModerationState.None, ModerationState.Campaign];

    public async Task<DashboardFigures?> FiguresAsync(Guid consultationId, CancellationToken cancellationToken = default)
    {
        var versions = await db.ConsultationVersions.AsNoTracking().Where(v => v.ConsultationId == consultationId).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        var slug = await db.Consultations.Where(c => c.Id == consultationId).Select(c => c.Slug).SingleAsync(cancellationToken);
        var version = versions.FirstOrDefault(v => v.State == VersionState.Published) ?? versions.FirstOrDefault(v => v.State == VersionState.Draft) ?? versions.MaxBy(v => v.Number)!;
        var responses = db.Responses.AsNoTracking().Where(r => r.ConsultationId == consultationId);
        var counted = responses.Where(r => CountedStates.Contains(r.ModerationState));

        var byState = await responses.GroupBy(r => r.ModerationState).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byType = await counted.GroupBy(r => r.RespondentType).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byChannel = await counted.GroupBy(r => r.Channel).Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        // By UTC hour in the database (at most 24 rows a day), then into UK days here: the database knows no time zones.
        var byHour = await counted
            .GroupBy(r => new { r.SubmittedUtc.Year, r.SubmittedUtc.Month, r.SubmittedUtc.Day, r.SubmittedUtc.Hour })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byDay = byHour
            .GroupBy(h => DateOnly.FromDateTime(UkTime.ToUk(new DateTime(h.Year, h.Month, h.Day, h.Hour, 0, 0, DateTimeKind.Utc))))
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Count));

        var total = byState.Where(s => CountedStates.Contains(s.State)).Sum(s => s.Count);
        var questions = new List<QuestionTally>();
        foreach (var question in version.Questions.Where(q => q.HasChoices))
        {
            questions.Add(await TallyAsync(consultationId, question, total, cancellationToken));
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new DashboardFigures(
            version.Title,
            slug,
            total,
            byState.Where(s => s.State == ModerationState.Campaign).Sum(s => s.Count),
            [.. new[] { ModerationState.Duplicate, ModerationState.Spam, ModerationState.Withdrawn }.Select(s => new NamedTotal(Describe(s), byState.Where(x => x.State == s).Sum(x => x.Count)))],
            Days(byDay, version, now),
            [.. Enum.GetValues<RespondentType>().Select(t => new NamedTotal(Describe(t), byType.Where(x => x.Type == t).Sum(x => x.Count)))],
            [.. Enum.GetValues<ResponseChannel>().Select(c => new NamedTotal(Describe(c), byChannel.Where(x => x.Channel == c).Sum(x => x.Count)))],
            questions,
            Left(version.ClosesUtc, now),
            version.PartnershipDeadlineUtc is { } deadline ? Left(deadline, now) : null);
    }

    private async Task<QuestionTally> TallyAsync(Guid consultationId, Question question, int total, CancellationToken cancellationToken)
    {
        var answers = db.ResponseAnswers.AsNoTracking()
            .Where(a => a.ConsultationId == consultationId && a.QuestionKey == question.AnswerKey
                && db.Responses.Any(r => r.Id == a.ResponseId && CountedStates.Contains(r.ModerationState)));
        var counts = question.Options.ToDictionary(o => o, _ => 0, StringComparer.Ordinal);
        int answered;
        if (question.Type == QuestionType.MultipleChoice)
        {
            // Grouped by the stored list: one row per combination people ticked, never one per answer.
            var combinations = await answers.GroupBy(a => a.Choices).Select(g => new { Choices = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            answered = 0;
            foreach (var combination in combinations.Where(c => c.Choices.Count > 0))
            {
                answered += combination.Count;
                foreach (var choice in combination.Choices.Where(counts.ContainsKey))
                {
                    counts[choice] += combination.Count;
                }
            }
        }
        else
        {
            var choices = await answers.Where(a => a.Choice != null).GroupBy(a => a.Choice!).Select(g => new { Choice = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            answered = choices.Sum(c => c.Count);
            foreach (var choice in choices.Where(c => counts.ContainsKey(c.Choice)))
            {
                counts[choice.Choice] = choice.Count;
            }
        }

        return new QuestionTally(question.AnswerKey, question.Number, question.Text, question.Type, [.. question.Options.Select(o => new NamedTotal(o, counts[o]))], Math.Max(0, total - answered));
    }

    /// <summary>Every UK day from the first response (or the opening day) to today or the close, zeros included, so the chart's gaps are real.</summary>
    private static List<DayCount> Days(Dictionary<DateOnly, int> byDay, ConsultationVersion version, DateTime now)
    {
        if (byDay.Count == 0)
        {
            return [];
        }

        var first = byDay.Keys.Min();
        var opens = DateOnly.FromDateTime(UkTime.ToUk(version.OpensUtc));
        var start = opens < first ? opens : first;
        var end = DateOnly.FromDateTime(UkTime.ToUk(now < version.ClosesUtc ? now : version.ClosesUtc));
        end = byDay.Keys.Max() > end ? byDay.Keys.Max() : end;

        // A long-open consultation keeps its last 90 days on the chart; the table below it has the same days.
        if (end.DayNumber - start.DayNumber > 89)
        {
            start = end.AddDays(-89);
        }

        return [.. Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(i => start.AddDays(i)).Select(d => new DayCount(d, byDay.GetValueOrDefault(d)))];
    }

    private static TimeLeft Left(DateTime utc, DateTime now)
    {
        var days = DateOnly.FromDateTime(UkTime.ToUk(utc)).DayNumber - DateOnly.FromDateTime(UkTime.ToUk(now)).DayNumber;
        return new TimeLeft(utc, days, utc <= now);
    }

    public static string Describe(RespondentType type) => type switch
    {
        RespondentType.Individual => "Individuals",
        RespondentType.Organisation => "Organisations (public form)",
        RespondentType.PartnerOrganisation => "Partner organisations",
        _ => type.ToString(),
    };

    public static string Describe(ResponseChannel channel) => channel switch
    {
        ResponseChannel.Online => "Online",
        ResponseChannel.Email => "Email",
        ResponseChannel.Letter => "Letter",
        ResponseChannel.Telephone => "Telephone",
        ResponseChannel.PaperForm => "Paper form",
        ResponseChannel.EasyReadForm => "Easy Read form",
        ResponseChannel.EventNotes => "Event notes",
        ResponseChannel.PartnerSubmission => "Partner submission",
        _ => channel.ToString(),
    };

    public static string Describe(ModerationState state) => state switch
    {
        ModerationState.Duplicate => "Duplicates",
        ModerationState.Spam => "Spam",
        ModerationState.Withdrawn => "Withdrawn",
        ModerationState.Campaign => "Campaign",
        _ => "Not moderated",
    };
}
