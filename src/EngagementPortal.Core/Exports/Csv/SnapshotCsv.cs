using System.Globalization;
using CsvHelper;
using EngagementPortal.Core.Collation;

namespace EngagementPortal.Core.Exports.Csv;

/// <summary>
/// The data of a snapshot as one CSV in long form (one figure a row), so it sorts and pivots in any
/// spreadsheet: section, question, item, column, count, percent, text. Every field that a spreadsheet
/// would read as a formula (starting =, +, -, @, tab or carriage return) is escaped with a leading
/// apostrophe: respondents' words and organisation names reach this file.
/// </summary>
public static class SnapshotCsv
{
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static async Task WriteAsync(CollationSnapshot snapshot, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(writer, Options, true);
        async Task Row(string section, string? question, string item, string? column, int? count, double? percent, string? text)
        {
            csv.WriteField(section);
            csv.WriteField(question ?? "");
            csv.WriteField(item);
            csv.WriteField(column ?? "");
            csv.WriteField(count?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(percent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(text ?? "");
            await csv.EndRecordAsync(cancellationToken);
        }

        foreach (var header in new[] { "Section", "Question", "Item", "Column", "Count", "Percent", "Text" })
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        var content = snapshot.Content;
        await Row("Snapshot", null, "Taken at (UTC)", null, null, null, snapshot.TakenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        await Row("Snapshot", null, "Content hash", null, null, null, snapshot.ContentHash);
        var r = content.Responses;
        foreach (var (name, count) in new[] { ("Individuals", r.Individual), ("Organisations", r.OrganisationPublic), ("Partner submissions", r.PartnerSubmission), ("Overall", r.Overall), ("Campaign", r.Campaign), ("Excluded: duplicate", r.Duplicate), ("Excluded: spam", r.Spam), ("Excluded: withdrawn", r.Withdrawn) })
        {
            await Row("Responses", null, name, null, count, null, null);
        }

        foreach (var question in content.Questions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var q = "Q" + question.Number.ToString(CultureInfo.InvariantCulture);
            foreach (var row in question.Tally)
            {
                foreach (var (column, cell) in new[] { ("Individuals", row.Individual), ("Organisations", row.OrganisationPublic), ("Partner submissions", row.PartnerSubmission), ("Overall", row.Overall), ("Campaign", row.Campaign) })
                {
                    await Row("Tally", q, row.Option, column, cell.Count, cell.Percent, null);
                }
            }

            foreach (var theme in question.CodedThemes)
            {
                await Row("Coded theme", q, theme.Name, "Overall", theme.Count, theme.Percent, null);
                foreach (var quote in theme.Quotes)
                {
                    await Row("Quote", q, theme.Name, quote.Attribution, null, null, quote.Text);
                }
            }

            foreach (var theme in question.SuggestedThemes)
            {
                await Row("Suggested theme", q, theme.Label, "Uncoded answers", theme.Answers, null, string.Join("; ", theme.Terms));
            }

            foreach (var group in question.Campaigns)
            {
                await Row("Campaign group", q, "Raw submissions", null, group.RawSubmissions, null, group.ExampleText);
                await Row("Campaign group", q, "Distinct texts", null, group.DistinctTexts, null, null);
                await Row("Campaign group", q, "Distinct respondents", null, group.DistinctRespondents, null, null);
            }
        }

        foreach (var organisation in content.Partners.Organisations)
        {
            for (var i = 0; i < content.Partners.QuestionKeys.Count; i++)
            {
                await Row("Partner position", content.Partners.QuestionKeys[i], organisation.Organisation, organisation.GovernanceStatus, null, null, organisation.Positions[i] ?? "Not answered");
            }

            if (organisation.KeyQuote is not null)
            {
                await Row("Partner quote", null, organisation.Organisation, organisation.GovernanceStatus, null, null, organisation.KeyQuote);
            }
        }

        foreach (var breakdown in content.Breakdowns)
        {
            foreach (var group in breakdown.Groups)
            {
                await Row("Breakdown: " + breakdown.Dimension, null, group.Group, null, group.Respondents, null, group.Suppressed ? "Suppressed (fewer than the threshold)" : null);
            }
        }

        await Row("Method", null, "Method statement", null, null, null, content.MethodStatement);
        await csv.FlushAsync(cancellationToken);
    }
}
