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

    public string? OpensDate { get; set; }

    public string? OpensTime { get; set; }

    public string? ClosesDate { get; set; }

    public string? ClosesTime { get; set; }

    public string? PartnershipDeadlineDate { get; set; }

    public string? PartnershipDeadlineTime { get; set; }

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
        OpensDate = Date(version.AuthoredOpensUtc),
        OpensTime = Time(version.AuthoredOpensUtc),
        ClosesDate = Date(version.AuthoredClosesUtc),
        ClosesTime = Time(version.AuthoredClosesUtc),
        PartnershipDeadlineDate = version.AuthoredPartnershipDeadlineUtc is { } d ? Date(d) : null,
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
            OpensUtc = ParseUk("Opens", OpensDate, OpensTime, "00:00", required: true, problems),
            ClosesUtc = ParseUk("Closes", ClosesDate, ClosesTime, "23:59", required: true, problems),
            PartnershipDeadlineUtc = ParseUk("PartnershipDeadline", PartnershipDeadlineDate, PartnershipDeadlineTime, "17:00", required: false, problems),
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

    /// <summary>A UK wall-clock date and time to UTC; an empty time takes the given default. Null when empty or invalid.</summary>
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

    private static string Date(DateTime utc) => UkTime.ToUk(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => UkTime.ToUk(utc).ToString("HH:mm", CultureInfo.InvariantCulture);
}
