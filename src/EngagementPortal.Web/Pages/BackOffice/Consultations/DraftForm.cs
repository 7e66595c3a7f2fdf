using System.Globalization;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Time;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>The consultation form as posted: dates and times typed in UK time, lists one item per line.</summary>
public sealed class DraftForm
{
    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Summary { get; set; }

    public string? Body { get; set; }

    public string? HowToRespond { get; set; }

    /// <summary>One group per line.</summary>
    public string? Audience { get; set; }

    // Dates in the design system's three boxes (day, month, year) plus a 24-hour time, all UK wall-clock time.
    public string? OpensDay { get; set; }

    public string? OpensMonth { get; set; }

    public string? OpensYear { get; set; }

    public string? OpensTime { get; set; }

    public string? ClosesDay { get; set; }

    public string? ClosesMonth { get; set; }

    public string? ClosesYear { get; set; }

    public string? ClosesTime { get; set; }

    public string? PartnershipDeadlineDay { get; set; }

    public string? PartnershipDeadlineMonth { get; set; }

    public string? PartnershipDeadlineYear { get; set; }

    public string? PartnershipDeadlineTime { get; set; }

    /// <summary>Which boxes of each date to mark as wrong ("Closes" → day, month): only those missing, else all three.</summary>
    public Dictionary<string, IReadOnlyList<string>> WrongParts { get; } = new(StringComparer.Ordinal);

    /// <summary>"Title | https://..." per line.</summary>
    public string? Documents { get; set; }

    public static DraftForm From(ConsultationVersion version, string slug) => new()
    {
        Title = version.Title,
        Slug = slug,
        Summary = version.Summary,
        Body = version.Body,
        HowToRespond = version.HowToRespond,
        Audience = string.Join('\n', version.Audience),
        OpensDay = Part(version.AuthoredOpensUtc, "%d"),
        OpensMonth = Part(version.AuthoredOpensUtc, "%M"),
        OpensYear = Part(version.AuthoredOpensUtc, "yyyy"),
        OpensTime = Time(version.AuthoredOpensUtc),
        ClosesDay = Part(version.AuthoredClosesUtc, "%d"),
        ClosesMonth = Part(version.AuthoredClosesUtc, "%M"),
        ClosesYear = Part(version.AuthoredClosesUtc, "yyyy"),
        ClosesTime = Time(version.AuthoredClosesUtc),
        PartnershipDeadlineDay = version.AuthoredPartnershipDeadlineUtc is { } day ? Part(day, "%d") : null,
        PartnershipDeadlineMonth = version.AuthoredPartnershipDeadlineUtc is { } month ? Part(month, "%M") : null,
        PartnershipDeadlineYear = version.AuthoredPartnershipDeadlineUtc is { } year ? Part(year, "yyyy") : null,
        PartnershipDeadlineTime = version.AuthoredPartnershipDeadlineUtc is { } t ? Time(t) : null,
        Documents = string.Join('\n', version.Documents.Select(d => $"{d.Title} | {d.Url}")),
    };

    /// <summary>The fields for Core, and the problems only the form can have (dates that are not dates).</summary>
    public (DraftFields Fields, IReadOnlyList<FieldProblem> Problems) ToFields()
    {
        var problems = new List<FieldProblem>();
        var fields = new DraftFields
        {
            Title = Title?.Trim() ?? "",
            Slug = Slug?.Trim() ?? "",
            Summary = Summary?.Trim() ?? "",
            Body = Body ?? "",
            HowToRespond = HowToRespond,
            Audience = Lines(Audience),
            OpensUtc = ParseParts("Opens", "Opening date", OpensDay, OpensMonth, OpensYear, OpensTime, "00:00", problems),
            ClosesUtc = ParseParts("Closes", "Closing date", ClosesDay, ClosesMonth, ClosesYear, ClosesTime, "23:59", problems),
            PartnershipDeadlineUtc = ParseParts("PartnershipDeadline", "Partnership deadline", PartnershipDeadlineDay, PartnershipDeadlineMonth, PartnershipDeadlineYear, PartnershipDeadlineTime, "17:00", problems),
            Documents = [.. Lines(Documents).Select(line =>
            {
                var bar = line.LastIndexOf('|');
                var url = bar < 0 ? line.Trim() : line[(bar + 1)..].Trim();
                return new SupportingDocument
                {
                    Title = bar < 0 ? "" : line[..bar].Trim(),
                    Url = url,
                    Format = url.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? "PDF" : url.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) ? "DOCX" : null,
                };
            })],
        };
        return (fields, problems);
    }

    /// <summary>Three date boxes and a time to UTC (null when empty or wrong, with the problem and the boxes to mark).</summary>
    private DateTime? ParseParts(string field, string label, string? day, string? month, string? year, string? time, string defaultTime, List<FieldProblem> problems)
    {
        var result = UkDateInput.Parse(day, month, year, time, defaultTime);
        if (result.Message(label) is { } message)
        {
            problems.Add(new(field, message));
            WrongParts[field] = result.Outcome switch
            {
                DateInputOutcome.Incomplete when result.Missing.Count < 3 => result.Missing,
                DateInputOutcome.BadTime => ["time"],
                _ => ["day", "month", "year"],
            };
        }

        return result.Utc;
    }

    /// <summary>A UK wall-clock date and time to UTC (the publish form's single date box); an empty time takes the given default. Null when empty or invalid.</summary>
    public static DateTime? ParseUk(string field, string? date, string? time, string defaultTime, bool required, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            if (!string.IsNullOrWhiteSpace(time))
            {
                problems.Add(new(field, "Enter a date as well as a time"));
            }

            return null;
        }

        if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && !DateOnly.TryParseExact(date.Trim(), "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problems.Add(new(field, "Enter a real date, like 8/1/2021"));
            return null;
        }

        if (!TimeOnly.TryParseExact(string.IsNullOrWhiteSpace(time) ? defaultTime : time.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            problems.Add(new(field, "Enter a time on the 24-hour clock, like 23:59"));
            return null;
        }

        _ = required;
        return UkTime.FromUk(day.ToDateTime(clock));
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static string Part(DateTime utc, string format) => UkTime.ToUk(utc).ToString(format, CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => UkTime.ToUk(utc).ToString("HH:mm", CultureInfo.InvariantCulture);
}
