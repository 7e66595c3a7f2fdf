using System.Globalization;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>Watching a consultation: responses by day, by respondent type and channel, each question's tally, time left.</summary>
public sealed class DashboardModel(ConsultationDashboard dashboard) : PageModel
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public Guid Id { get; private set; }

    public DashboardFigures Figures { get; private set; } = null!;

    public BarChart ByDay { get; private set; } = null!;

    public BarChart ByRespondentType { get; private set; } = null!;

    public BarChart ByChannel { get; private set; } = null!;

    public IReadOnlyList<(QuestionTally Question, BarChart Chart)> Questions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var figures = await dashboard.FiguresAsync(id, cancellationToken);
        if (figures is null)
        {
            return NotFound();
        }

        Id = id;
        Figures = figures;
        ByDay = BarChart.Columns("by-day", "Responses by day", "Day", [.. figures.ByDay.Select(d => (d.Day.ToString("ddd d MMM", EnGb), d.Count))]);
        ByRespondentType = BarChart.Rows("by-type", "Responses by respondent type", "Respondent type", [.. figures.ByRespondentType.Select(t => (t.Name, t.Count))]);
        ByChannel = BarChart.Rows("by-channel", "Responses by channel", "Channel", [.. figures.ByChannel.Where(c => c.Count > 0).Select(c => (c.Name, c.Count))]);
        Questions = [.. figures.Questions.Select(q => (q, BarChart.Rows(
            "question-" + q.Number.ToString(CultureInfo.InvariantCulture),
            $"Question {q.Number}: {q.Text}",
            "Answer",
            [.. q.Options.Select(o => (o.Name, o.Count)), ("Not answered", q.NotAnswered)],
            percentOf: figures.Counted)))];
        return Page();
    }

    /// <summary>"12 days left", "Closes today", "Closed 3 days ago", in UK days.</summary>
    public static string Describe(TimeLeft left, string verbPresent, string verbPast) => left switch
    {
        { Passed: true, Days: 0 } => $"{verbPast} today",
        { Passed: true, Days: -1 } => $"{verbPast} yesterday",
        { Passed: true } => $"{verbPast} {-left.Days} days ago",
        { Days: 0 } => $"{verbPresent} today",
        { Days: 1 } => $"{verbPresent} tomorrow",
        _ => $"{left.Days} days left",
    } + $" ({UkTime.FormatDeadline(left.Utc)})";
}
