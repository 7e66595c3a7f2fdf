using System.Globalization;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.PartnershipResponses;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EngagementPortal.Core.Exports.Pdf;

/// <summary>Whether the PDF was written, or why not (the export is turned off, or the fonts are missing).</summary>
public sealed record PdfWriteResult(bool Written, string? Problem)
{
    public static readonly PdfWriteResult Done = new(true, null);
}

/// <summary>
/// A version of the partnership response as an A4 PDF, with the same content as the Word export: title and sign-off,
/// the "you said, we did" summary, per question the narrative with its numbered references, the tally table and a bar
/// chart drawn with XGraphics, the themes with quotes and the partners' positions, then the method annex. Text is only
/// ever drawn as text: the file has no links, actions or scripts.
/// </summary>
public sealed class PartnershipResponsePdf
{
    private static readonly Lock LicenceGate = new();
    private static bool _licensed;

    private const double Margin = 56;
    private static readonly XSize A4 = new(595.28, 841.89);
    private static readonly XColor Blue = XColor.FromArgb(0, 94, 184);
    private static readonly XColor Grey = XColor.FromArgb(216, 221, 224);

    private readonly PdfDocument _pdf = new();
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _italic;
    private readonly XFont _small;
    private readonly XFont[] _headings;
    private XGraphics _graphics = null!;
    private double _y;
    private int _pageNumber;

    private PartnershipResponsePdf()
    {
        _body = new XFont(PdfFonts.Family, 10, XFontStyleEx.Regular);
        _bold = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
        _italic = new XFont(PdfFonts.Family, 10, XFontStyleEx.Italic);
        _small = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
        _headings = [new XFont(PdfFonts.Family, 18, XFontStyleEx.Bold), new XFont(PdfFonts.Family, 14, XFontStyleEx.Bold), new XFont(PdfFonts.Family, 11, XFontStyleEx.Bold)];
    }

    private double Width => A4.Width - (2 * Margin);

    private double Bottom => A4.Height - Margin;

    public static PdfWriteResult Write(PartnershipDocument document, Stream output, PdfExportOptions options)
    {
        if (!options.Enabled)
        {
            return new(false, "The PDF export is turned off (Exports:Pdf:Enabled). Download the Word or CSV export instead.");
        }

        if (PdfFonts.Install(options.FontDirectory) is { } missing)
        {
            return new(false, missing);
        }

        lock (LicenceGate)
        {
            if (!_licensed)
            {
                // docs/adr/0006: the portal accepts PdfSharp's AGPL and offers its source in every page's footer.
                PdfSharpLicense.SetAgplLicense();
                _licensed = true;
            }
        }

        var writer = new PartnershipResponsePdf();
        writer.Draw(document);
        writer._pdf.Info.Title = Clean(document.Title + ": partnership response");
        writer._pdf.Save(output, closeStream: false);
        return PdfWriteResult.Done;
    }

    private void Draw(PartnershipDocument document)
    {
        NewPage();
        Heading(document.Title + ": partnership response", 0);
        Text(document.StatusLine, _bold);
        Text(document.EvidenceLine, _body);
        if (!string.IsNullOrWhiteSpace(document.YouSaidWeDid))
        {
            Heading("You said, we did", 1);
            Blocks(NarrativeBlocks.From(document.YouSaidWeDid));
        }

        Heading("Who responded", 1);
        Table(["Responses", "Count"], document.ResponseRows.Select(r => new[] { r.Label, N(r.Count) }).ToList(), [0.7, 0.3]);
        if (document.Profile.Count > 0)
        {
            Heading("Who responded: equality monitoring", 2);
            Text(RespondentProfile.Explanation, _body);
            foreach (var breakdown in document.Profile)
            {
                Text(RespondentProfile.Title(breakdown), _bold);
                Table(["Group", "Respondents"], breakdown.Groups.Select(g => new[] { g.Group, RespondentProfile.CountText(g) }).ToList(), [0.7, 0.3]);
            }
        }

        foreach (var section in document.Sections)
        {
            var question = section.Evidence;
            Heading($"Question {question.Number}: {question.Text}", 1);
            Blocks(section.Narrative);
            if (section.References.Count > 0)
            {
                Heading("Evidence cited", 2);
                foreach (var reference in section.References)
                {
                    Text($"[{reference.Number}] {reference.Text}", _body);
                }
            }

            if (question.Tally.Count > 0)
            {
                Heading("Answers", 2);
                Table(
                    ["Answer", "Individuals", "Organisations", "Partners", "Overall", "Overall %", "Campaign"],
                    question.Tally.Select(t => new[] { t.Option, N(t.Individual.Count), N(t.OrganisationPublic.Count), N(t.PartnerSubmission.Count), N(t.Overall.Count), P(t.Overall.Percent), N(t.Campaign.Count) }).ToList(),
                    [0.28, 0.12, 0.14, 0.11, 0.11, 0.12, 0.12]);
                Chart(question);
            }

            if (question.CodedThemes.Count > 0)
            {
                Heading("Themes", 2);
                foreach (var theme in question.CodedThemes)
                {
                    Text($"{theme.Name}: {N(theme.Count)} answers ({P(theme.Percent)}%)", _bold);
                    foreach (var quote in theme.Quotes)
                    {
                        Text($"\u201C{quote.Text}\u201D \u2014 {quote.Attribution}", _italic, indent: 12);
                    }
                }
            }

            if (section.Partners.Count > 0)
            {
                Heading("Partner organisations' positions", 2);
                Table(["Organisation", "Position", "Governance"], section.Partners.Select(p => new[] { p.Organisation, p.Position ?? "Not answered", p.GovernanceStatus }).ToList(), [0.4, 0.25, 0.35]);
            }
        }

        var quoted = document.Partners.Organisations.Where(o => o.KeyQuote is not null).ToList();
        if (quoted.Count > 0)
        {
            Heading("What partner organisations said", 1);
            foreach (var organisation in quoted)
            {
                Text($"{organisation.Organisation}: \u201C{organisation.KeyQuote}\u201D", _italic);
            }
        }

        Heading("Annex: method", 1);
        foreach (var paragraph in document.MethodStatement.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Text(paragraph, _body);
        }

        _graphics.Dispose();
    }

    private void Blocks(IReadOnlyList<NarrativeBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case NarrativeBlockKind.Heading:
                    Heading(block.Text, 2);
                    break;
                case NarrativeBlockKind.Bullet:
                    Text("\u2022 " + block.Text, _body, indent: 8);
                    break;
                case NarrativeBlockKind.Quote:
                    Text(block.Text, _italic, indent: 12);
                    break;
                default:
                    Text(block.Text, _body);
                    break;
            }
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _pdf.AddPage();
        page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _pageNumber++;
        _graphics.DrawString("Page " + _pageNumber.ToString(CultureInfo.InvariantCulture), _small, XBrushes.Gray, new XPoint(Margin, A4.Height - (Margin / 2)));
        _y = Margin;
    }

    private void Need(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void Heading(string text, int level)
    {
        var font = _headings[level];
        var lines = Wrap(Clean(text), font, Width);
        // Keep a heading with at least three lines of what follows it.
        Need((lines.Count * font.Height * 1.2) + (_body.Height * 4));
        _y += level == 0 ? 0 : font.Height * 0.6;
        foreach (var line in lines)
        {
            _graphics.DrawString(line, font, new XSolidBrush(level == 0 ? Blue : XColors.Black), new XPoint(Margin, _y + font.Height), XStringFormats.Default);
            _y += font.Height * 1.2;
        }

        _y += 2;
    }

    private void Text(string text, XFont font, double indent = 0)
    {
        foreach (var line in Wrap(Clean(text), font, Width - indent))
        {
            Need(font.Height * 1.3);
            _graphics.DrawString(line, font, XBrushes.Black, new XPoint(Margin + indent, _y + font.Height), XStringFormats.Default);
            _y += font.Height * 1.3;
        }

        _y += 4;
    }

    private void Table(IReadOnlyList<string> header, IReadOnlyList<string[]> rows, double[] widths)
    {
        var columns = widths.Select(w => w * Width).ToArray();
        void Row(string[] cells, XFont font, bool shaded)
        {
            var wrapped = cells.Select((c, i) => Wrap(Clean(c), font, columns[i] - 6)).ToList();
            var height = (wrapped.Max(w => Math.Max(1, w.Count)) * font.Height * 1.2) + 6;
            Need(height);
            if (shaded)
            {
                _graphics.DrawRectangle(new XSolidBrush(Grey), Margin, _y, Width, height);
            }

            var x = Margin;
            for (var i = 0; i < wrapped.Count; i++)
            {
                var lineY = _y + 3;
                foreach (var line in wrapped[i])
                {
                    _graphics.DrawString(line, font, XBrushes.Black, new XPoint(x + 3, lineY + font.Height), XStringFormats.Default);
                    lineY += font.Height * 1.2;
                }

                x += columns[i];
            }

            _y += height;
            _graphics.DrawLine(new XPen(Grey, 0.75), Margin, _y, Margin + Width, _y);
        }

        Row([.. header], _bold, shaded: true);
        foreach (var row in rows)
        {
            Row(row, _body, shaded: false);
        }

        _y += 8;
    }

    /// <summary>A horizontal bar per answer, the overall column, labelled with its count: drawn, not an image.</summary>
    private void Chart(QuestionEvidence question)
    {
        const double barHeight = 12;
        const double gap = 5;
        var labelWidth = Width * 0.35;
        var plotWidth = Width - labelWidth - 40;
        var height = 20 + (question.Tally.Count * (barHeight + gap));
        Need(height + 10);
        _graphics.DrawString(Clean($"Question {question.Number}: overall responses"), _bold, XBrushes.Black, new XPoint(Margin, _y + _bold.Height), XStringFormats.Default);
        _y += 20;
        var max = Math.Max(1, question.Tally.Max(t => t.Overall.Count));
        foreach (var row in question.Tally)
        {
            var label = Wrap(Clean(row.Option), _small, labelWidth - 6).FirstOrDefault() ?? "";
            _graphics.DrawString(label, _small, XBrushes.Black, new XPoint(Margin, _y + barHeight - 2), XStringFormats.Default);
            var length = plotWidth * row.Overall.Count / max;
            if (length > 0)
            {
                _graphics.DrawRectangle(new XSolidBrush(Blue), Margin + labelWidth, _y, length, barHeight);
            }

            _graphics.DrawString(N(row.Overall.Count), _small, XBrushes.Black, new XPoint(Margin + labelWidth + length + 4, _y + barHeight - 2), XStringFormats.Default);
            _y += barHeight + gap;
        }

        _y += 10;
    }

    /// <summary>Breaks text into lines that fit, at spaces, and inside a word only when the word alone is too wide.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (Measure(line, font) > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], font) > width)
                    {
                        cut--;
                    }

                    if (char.IsHighSurrogate(line[cut - 1]))
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private double Measure(string text, XFont font) => _graphics.MeasureString(text, font).Width;

    /// <summary>Control characters (which no font draws) become spaces; everything else is drawn as it was written.</summary>
    private static string Clean(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is '\n' || !char.IsControl(source[i]) ? source[i] : ' ';
            }
        });

    private static string N(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    private static string P(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
