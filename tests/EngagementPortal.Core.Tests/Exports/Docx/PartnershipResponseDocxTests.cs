using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Exports.Docx;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.TestCommon;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace EngagementPortal.Core.Tests.Exports.Docx;

public sealed class PartnershipResponseDocxTests
{
    private static readonly DateTimeOffset At = new(2020, 12, 10, 9, 0, 0, TimeSpan.Zero);

    internal static readonly IReadOnlyList<Question> Questions =
    [
        new Question { Key = "q1", Number = 1, Text = "Do you agree that giving ICSs a statutory footing provides the right foundation?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain" },
        new Question { Key = "q2", Number = 2, Text = "What else should the partnership consider?", Type = QuestionType.FreeText },
    ];

    /// <summary>A signed-off, published version over the fixture snapshot; <paramref name="narrative"/> for question 1.</summary>
    internal static async Task<PartnershipDocument> Document(string narrative, string? quoteText = null, string? summary = "You said it matters; we kept councils on the board.")
    {
        var snapshot = await PartnershipFixtures.CollateAsync("integrating-care", Questions, PartnershipFixtures.Responses(Questions, At, quoteText), At);
        var version = new PartnershipResponseVersion
        {
            Number = 2,
            State = PartnershipResponseState.SignedOff,
            SignedOffUtc = At.AddDays(1).UtcDateTime,
            SignedOffBy = "Jane Smith",
            SignedOffRole = "Director of Strategy",
            SnapshotHash = snapshot.ContentHash,
            UpdatedBy = "officer@example.nhs.uk",
            YouSaidWeDid = summary,
            Narratives = [new QuestionNarrative("q1", narrative), new QuestionNarrative("q2", "People asked for [[theme:Local accountability]].")],
        };
        return PartnershipDocument.Build("Integrating care", version, snapshot);
    }

    private static WordprocessingDocument Open(PartnershipDocument document, out MemoryStream stream)
    {
        stream = new MemoryStream();
        PartnershipResponseDocx.Write(document, stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    [Fact]
    public async Task Write_SignedOffVersion_ValidWithNarrativeReferencesTalliesChartsPartnersAndAnnex()
    {
        var document = await Document("Most people agreed [[tally:Q1]], though [[partner:Hull City Council]] did not.\n\n- Keep *local* voices");

        using var word = Open(document, out var stream);
        using var _ = stream;

        var problems = new OpenXmlValidator().Validate(word).Select(e => e.Description + " at " + e.Path?.XPath).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5)));
        var body = word.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId is not null).Select(p => p.InnerText).ToList();
        Assert.Equal("Integrating care: partnership response", headings[0]);
        Assert.Contains("Version 2, signed off by Jane Smith (Director of Strategy) at 9am on Friday 11 December 2020.", paragraphs);
        Assert.Contains("You said, we did", headings);
        Assert.Contains("Most people agreed [1], though [2] did not.", paragraphs);
        Assert.Contains("\u2022 Keep local voices", paragraphs);
        Assert.Contains("[1] Question 1 tally, all respondents: Agree 4 (57.1%); Disagree 2 (28.6%); Strongly disagree 1 (14.3%)", paragraphs);
        Assert.Contains("[2] Hull City Council (Signed off by the Health and Wellbeing Board): Q1 Strongly disagree", paragraphs);
        Assert.Contains("Annex: method", headings);

        var tally = body.Elements<Table>().First(t => t.InnerText.Contains("Strongly agree", StringComparison.Ordinal));
        var agree = tally.Elements<TableRow>().Single(r => r.Elements<TableCell>().First().InnerText == "Agree");
        Assert.Equal(["Agree", "3", "1", "0", "4", "57.1", "1"], agree.Elements<TableCell>().Select(c => c.InnerText));
        var partners = body.Elements<Table>().Single(t => t.InnerText.StartsWith("OrganisationPosition", StringComparison.Ordinal));
        Assert.Equal(["Hull City Council", "Strongly disagree", "Signed off by the Health and Wellbeing Board"], partners.Elements<TableRow>().Last().Elements<TableCell>().Select(c => c.InnerText));

        var chart = Assert.Single(word.MainDocumentPart.ChartParts);
        Assert.Equal(["0", "4", "0", "2", "1", "0", "0"], chart.ChartSpace.Descendants<C.Values>().Single().Descendants<C.NumericPoint>().Select(p => p.InnerText));
        Assert.DoesNotContain(PartnershipFixtures.PrivateText, body.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_XssCorpusInNarrativeAndQuotes_KeptAsTextNeverMarkup()
    {
        foreach (var chunk in Repository.XssVectors.Chunk(60))
        {
            var narrative = string.Join("\n\n", chunk);
            var document = await Document(narrative, quoteText: string.Join(" ", chunk), summary: narrative);

            using var word = Open(document, out var stream);
            using var _ = stream;

            var problems = new OpenXmlValidator().Validate(word).Select(e => e.Description).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5)));
            using var reader = new StreamReader(word.MainDocumentPart!.GetStream());
            var xml = XDocument.Parse(await reader.ReadToEndAsync());
            Assert.All(xml.Descendants(), e => Assert.True(e.Name.Namespace != XNamespace.None, e.Name.ToString()));
            Assert.Empty(word.MainDocumentPart.HyperlinkRelationships);
            Assert.Empty(word.MainDocumentPart.ExternalRelationships);
        }
    }
}
