using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EngagementPortal.Core.PartnershipResponses;
using static EngagementPortal.Core.Exports.Docx.SnapshotDocx;

namespace EngagementPortal.Core.Exports.Docx;

/// <summary>
/// A version of the partnership response as a Word document: the title and sign-off, the "you said, we did" summary
/// once published, then per question the officers' narrative (citations as numbered references listed under it), the
/// tally as a table and as a native chart part, the coded themes with quotes, and the partner organisations' positions;
/// the method statement is the annex. Everything goes in as text runs, so nobody's words become markup.
/// </summary>
public static class PartnershipResponseDocx
{
    public static void Write(PartnershipDocument document, Stream output)
    {
        using var word = WordprocessingDocument.Create(output, DocumentFormat.OpenXml.WordprocessingDocumentType.Document);
        var main = word.AddMainDocumentPart();
        var body = new Body();
        main.Document = new Document(body);
        AddStyles(main);
        body.Append(Heading(document.Title + ": partnership response", 1));
        body.Append(Paragraph(document.StatusLine, bold: true));
        body.Append(Paragraph(document.EvidenceLine));
        if (!string.IsNullOrWhiteSpace(document.YouSaidWeDid))
        {
            body.Append(Heading("You said, we did", 2));
            AppendBlocks(body, NarrativeBlocks.From(document.YouSaidWeDid));
        }

        body.Append(Heading("Who responded", 2));
        body.Append(Table(["Responses", "Count"], document.ResponseRows.Select(r => new[] { r.Label, N(r.Count) }).ToList()));
        AppendProfile(body, document.Profile);

        uint drawingId = 1;
        foreach (var section in document.Sections)
        {
            var question = section.Evidence;
            body.Append(Heading($"Question {question.Number}: {question.Text}", 2));
            AppendBlocks(body, section.Narrative);
            if (section.References.Count > 0)
            {
                body.Append(Heading("Evidence cited", 3));
                foreach (var reference in section.References)
                {
                    body.Append(Paragraph($"[{reference.Number}] {reference.Text}"));
                }
            }

            if (question.Tally.Count > 0)
            {
                body.Append(Heading("Answers", 3));
                body.Append(Table(
                    ["Answer", "Individuals", "Organisations", "Partners", "Overall", "Overall %", "Campaign"],
                    question.Tally.Select(t => new[] { t.Option, N(t.Individual.Count), N(t.OrganisationPublic.Count), N(t.PartnerSubmission.Count), N(t.Overall.Count), P(t.Overall.Percent), N(t.Campaign.Count) }).ToList()));
                body.Append(Chart(main, question, drawingId++));
            }

            if (question.CodedThemes.Count > 0)
            {
                body.Append(Heading("Themes", 3));
                foreach (var theme in question.CodedThemes)
                {
                    body.Append(Paragraph($"{theme.Name}: {N(theme.Count)} answers ({P(theme.Percent)}%)", bold: true));
                    foreach (var quote in theme.Quotes)
                    {
                        body.Append(Paragraph($"\u201C{quote.Text}\u201D \u2014 {quote.Attribution}", italic: true));
                    }
                }
            }

            if (section.Partners.Count > 0)
            {
                body.Append(Heading("Partner organisations' positions", 3));
                body.Append(Table(["Organisation", "Position", "Governance"], section.Partners.Select(p => new[] { p.Organisation, p.Position ?? "Not answered", p.GovernanceStatus }).ToList()));
            }
        }

        var quoted = document.Partners.Organisations.Where(o => o.KeyQuote is not null).ToList();
        if (quoted.Count > 0)
        {
            body.Append(Heading("What partner organisations said", 2));
            foreach (var organisation in quoted)
            {
                body.Append(Paragraph($"{organisation.Organisation}: \u201C{organisation.KeyQuote}\u201D", italic: true));
            }
        }

        body.Append(Heading("Annex: method", 2));
        foreach (var paragraph in document.MethodStatement.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            body.Append(Paragraph(paragraph));
        }

        main.Document.Save();
    }

    private static void AppendBlocks(Body body, IReadOnlyList<NarrativeBlock> blocks)
    {
        foreach (var block in blocks)
        {
            body.Append(block.Kind switch
            {
                NarrativeBlockKind.Heading => Heading(block.Text, 3),
                NarrativeBlockKind.Bullet => Paragraph("\u2022 " + block.Text),
                NarrativeBlockKind.Quote => Paragraph(block.Text, italic: true),
                _ => Paragraph(block.Text),
            });
        }
    }
}
