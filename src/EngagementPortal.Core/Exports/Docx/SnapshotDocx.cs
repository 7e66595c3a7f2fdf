using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EngagementPortal.Core.Collation;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using D = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace EngagementPortal.Core.Exports.Docx;

/// <summary>
/// The evidence of a snapshot as a Word document: a heading per question, its tally as a table and as
/// a native Word chart (a chart part with its data cached in c:chart, so Word redraws and edits it),
/// coded themes with quotes, suggested themes, campaign groups, partner positions, and the method
/// statement as an annex. All text goes in as text runs, so respondents' words can never become markup.
/// The partnership response (<see cref="PartnershipResponseDocx"/>) reuses these parts around the officers' narrative.
/// </summary>
public static class SnapshotDocx
{
    public static void Write(CollationSnapshot snapshot, string title, Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body();
        main.Document = new Document(body);
        AddStyles(main);
        var content = snapshot.Content;
        body.Append(Heading(title, 1));
        body.Append(Paragraph($"Evidence snapshot taken {snapshot.TakenAt.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.GetCultureInfo("en-GB"))}. Content hash {snapshot.ContentHash}."));
        var r = content.Responses;
        body.Append(Table(
            ["Responses", "Count"],
            [
                ["Individuals", N(r.Individual)], ["Organisations", N(r.OrganisationPublic)], ["Partner submissions", N(r.PartnerSubmission)],
                ["Overall", N(r.Overall)], ["Campaign (own column)", N(r.Campaign)], ["Excluded: duplicate", N(r.Duplicate)], ["Excluded: spam", N(r.Spam)], ["Excluded: withdrawn", N(r.Withdrawn)],
            ]));
        AppendProfile(body, RespondentProfile.In(content));

        uint drawingId = 1;
        foreach (var question in content.Questions)
        {
            body.Append(Heading($"Question {question.Number}: {question.Text}", 2));
            if (question.Tally.Count > 0)
            {
                body.Append(Table(
                    ["Answer", "Individuals", "Organisations", "Partners", "Overall", "Overall %", "Campaign"],
                    question.Tally.Select(t => new[] { t.Option, N(t.Individual.Count), N(t.OrganisationPublic.Count), N(t.PartnerSubmission.Count), N(t.Overall.Count), P(t.Overall.Percent), N(t.Campaign.Count) }).ToList()));
                body.Append(Chart(main, question, drawingId++));
            }

            if (question.CodedThemes.Count > 0)
            {
                body.Append(Heading("Themes (coded by officers)", 3));
                foreach (var theme in question.CodedThemes)
                {
                    body.Append(Paragraph($"{theme.Name}: {N(theme.Count)} answers ({P(theme.Percent)}%)", bold: true));
                    foreach (var quote in theme.Quotes)
                    {
                        body.Append(Paragraph($"\u201C{quote.Text}\u201D \u2014 {quote.Attribution}", italic: true));
                    }
                }
            }

            if (question.SuggestedThemes.Count > 0)
            {
                body.Append(Heading("Suggested themes in uncoded answers (for officers to accept or reject)", 3));
                body.Append(Table(["Suggested theme", "Answers"], question.SuggestedThemes.Select(t => new[] { t.Label, N(t.Answers) }).ToList()));
            }

            if (question.Campaigns.Count > 0)
            {
                body.Append(Heading("Campaigns and near-identical answers", 3));
                body.Append(Table(
                    ["Example text", "Raw submissions", "Distinct texts", "Distinct respondents"],
                    question.Campaigns.Select(c => new[] { c.ExampleText, N(c.RawSubmissions), N(c.DistinctTexts), N(c.DistinctRespondents) }).ToList()));
            }
        }

        if (content.Partners.Organisations.Count > 0)
        {
            body.Append(Heading("Partner positions", 2));
            body.Append(Table(
                ["Organisation", .. content.Partners.QuestionKeys, "Governance"],
                content.Partners.Organisations.Select(o => new[] { o.Organisation }.Concat(o.Positions.Select(p => p ?? "Not answered")).Append(o.GovernanceStatus).ToArray()).ToList()));
            foreach (var o in content.Partners.Organisations.Where(o => o.KeyQuote is not null))
            {
                body.Append(Paragraph($"{o.Organisation}: \u201C{o.KeyQuote}\u201D", italic: true));
            }
        }

        body.Append(Heading("Annex: method", 2));
        body.Append(Paragraph(content.MethodStatement));
        main.Document.Save();
    }

    /// <summary>Who responded by equality group: a table per characteristic, a suppressed group as words, never its count.</summary>
    internal static void AppendProfile(Body body, IReadOnlyList<Breakdown> profile)
    {
        if (profile.Count == 0)
        {
            return;
        }

        body.Append(Heading("Who responded: equality monitoring", 3));
        body.Append(Paragraph(RespondentProfile.Explanation));
        foreach (var breakdown in profile)
        {
            body.Append(Paragraph(RespondentProfile.Title(breakdown), bold: true));
            body.Append(Table(["Group", "Respondents"], breakdown.Groups.Select(g => new[] { g.Group, RespondentProfile.CountText(g) }).ToList()));
        }
    }

    internal static string N(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    internal static string P(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    internal static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            Enumerable.Range(1, 3).Select(level => new Style(
                new StyleName { Val = $"heading {level}" },
                new BasedOn { Val = "Normal" },
                new StyleRunProperties(new Bold(), new FontSize { Val = (36 - (level * 6)).ToString(CultureInfo.InvariantCulture) }))
            { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" }));
    }

    internal static Paragraph Heading(string text, int level) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }), new Run(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));

    internal static Paragraph Paragraph(string text, bool bold = false, bool italic = false)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        return new Paragraph(new Run(properties, new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    internal static Table Table(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 })),
            new TableGrid(header.Select(_ => new GridColumn { Width = (9000 / header.Count).ToString(CultureInfo.InvariantCulture) })));
        table.Append(new TableRow(new OpenXmlElement[] { new TableRowProperties(new TableHeader()) }.Concat(header.Select(h => Cell(h, bold: true)))));
        foreach (var row in rows)
        {
            table.Append(new TableRow(row.Select(c => Cell(c, bold: false))));
        }

        return table;
    }

    private static TableCell Cell(string text, bool bold) => new(Paragraph(text, bold));

    /// <summary>Characters XML 1.0 cannot carry (NUL, most C0 controls) are dropped; everything else is kept as text.</summary>
    internal static string Clean(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(ch).Append(text[++i]);
            }
            else if (ch is '\t' or '\n' or '\r' || (ch >= 0x20 && !char.IsSurrogate(ch) && ch is not ('\uFFFE' or '\uFFFF')))
            {
                result.Append(ch);
            }
        }

        return result.ToString();
    }

    /// <summary>A clustered bar chart of the overall column, as a chart part the paragraph's drawing points to.</summary>
    internal static Paragraph Chart(MainDocumentPart main, QuestionEvidence question, uint id)
    {
        var chartPart = main.AddNewPart<ChartPart>();
        var relationshipId = main.GetIdOfPart(chartPart);
        var categories = question.Tally.Select(t => Clean(t.Option)).ToList();
        var values = question.Tally.Select(t => t.Overall.Count).ToList();
        var count = (uint)categories.Count;

        var stringCache = new C.StringCache(new C.PointCount { Val = count });
        var numberCache = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = count });
        for (var i = 0; i < categories.Count; i++)
        {
            stringCache.Append(new C.StringPoint(new C.NumericValue(categories[i])) { Index = (uint)i });
            numberCache.Append(new C.NumericPoint(new C.NumericValue(values[i].ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
        }

        var barChart = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Bar },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false },
            new C.BarChartSeries(
                new C.Index { Val = 0 },
                new C.Order { Val = 0 },
                new C.SeriesText(new C.NumericValue("Overall")),
                new C.CategoryAxisData(new C.StringLiteral(stringCache.Elements().Select(e => e.CloneNode(true)))),
                new C.Values(new C.NumberLiteral(numberCache.Elements().Select(e => e.CloneNode(true))))),
            new C.AxisId { Val = 1 },
            new C.AxisId { Val = 2 });
        var plotArea = new C.PlotArea(
            new C.Layout(),
            barChart,
            new C.CategoryAxis(new C.AxisId { Val = 1 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MaxMin }), new C.Delete { Val = false }, new C.AxisPosition { Val = C.AxisPositionValues.Left }, new C.CrossingAxis { Val = 2 }),
            new C.ValueAxis(new C.AxisId { Val = 2 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }), new C.Delete { Val = false }, new C.AxisPosition { Val = C.AxisPositionValues.Bottom }, new C.MajorGridlines(), new C.CrossingAxis { Val = 1 }));
        chartPart.ChartSpace = new C.ChartSpace(
            new C.EditingLanguage { Val = "en-GB" },
            new C.Chart(
                new C.Title(new C.ChartText(new C.RichText(new D.BodyProperties(), new D.ListStyle(), new D.Paragraph(new D.Run(new D.Text(Clean($"Question {question.Number}: overall responses"))))))),
                new C.AutoTitleDeleted { Val = false },
                plotArea,
                new C.PlotVisibleOnly { Val = true }));
        chartPart.ChartSpace.Save();

        const long width = 5486400; // 6 inches in EMU
        const long height = 2743200; // 3 inches
        var inline = new DW.Inline(
            new DW.Extent { Cx = width, Cy = height },
            new DW.DocProperties { Id = id, Name = $"Chart {id}", Description = Clean($"Bar chart of overall answers to question {question.Number}") },
            new D.Graphic(new D.GraphicData(new C.ChartReference { Id = relationshipId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        {
            DistanceFromTop = 0,
            DistanceFromBottom = 0,
            DistanceFromLeft = 0,
            DistanceFromRight = 0,
        };
        return new Paragraph(new Run(new Drawing(inline)));
    }
}
