using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Exports.Docx;
using EngagementPortal.TestCommon;
using static EngagementPortal.Core.Tests.Collation.CollationFixtures;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace EngagementPortal.Core.Tests.Exports.Docx;

public sealed class SnapshotDocxTests
{
    private static async Task<MemoryStream> Write(IEnumerable<CollationAnswerSet> responses)
    {
        var run = await new Collator(new FakeTimeProvider()).CollateAsync(Definition(), Options(), responses);
        var stream = new MemoryStream();
        SnapshotDocx.Write(run.Snapshot, "Integrating care: evidence", stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public async Task Write_Snapshot_ValidDocumentWithHeadingsTalliesAndNativeCharts()
    {
        using var stream = await Write(
        [
            Response("a", q1: "Agree", q2: "Disagree", q3: "More community nurses please.", themes: ["Workforce"], consent: PublishingConsent.PublishWithName, name: "A. Resident"),
            Response("b", q1: "Agree", q2: "Agree"),
            Response("c", RespondentType.PartnerSubmission, q1: "Strongly disagree", partner: new PartnerDetails("Hull City Council", "Signed off by the board", "We need time."), consent: PublishingConsent.PublishWithName),
        ]);

        using var document = WordprocessingDocument.Open(stream, false);
        var problems = new OpenXmlValidator().Validate(document).Select(e => e.Description + " at " + e.Path?.XPath).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5)));
        var body = document.MainDocumentPart!.Document.Body!;
        var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true).Select(p => p.InnerText).ToList();
        Assert.Contains(headings, h => h.StartsWith("Question 1:", StringComparison.Ordinal));
        Assert.Contains("Partner positions", headings);
        Assert.Contains("Annex: method", headings);

        var q1Table = body.Elements<Table>().First(t => t.InnerText.Contains("Strongly agree", StringComparison.Ordinal));
        var agreeRow = q1Table.Elements<TableRow>().Single(r => r.Elements<TableCell>().First().InnerText == "Agree");
        Assert.Equal(["Agree", "2", "0", "0", "2", "66.7", "0"], agreeRow.Elements<TableCell>().Select(c => c.InnerText));

        // One native chart part per choice question, each with its data in c:chart.
        var charts = document.MainDocumentPart.ChartParts.ToList();
        Assert.Equal(2, charts.Count);
        var values = charts[0].ChartSpace.Descendants<C.Values>().Single().Descendants<C.NumericPoint>().Select(p => p.InnerText).ToList();
        Assert.Equal(["0", "2", "0", "0", "1", "0", "0"], values);
        Assert.Contains("Hull City Council", body.InnerText, StringComparison.Ordinal);
        Assert.Contains("We need time.", body.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_SnapshotWithEqualityProfile_TablePerCharacteristicSmallGroupsSuppressed()
    {
        var run = await new Collator(new FakeTimeProvider()).CollateAsync(Definition(), Options(), [Response("a", q1: "Agree")]);
        var snapshot = RespondentProfile.AddTo(run.Snapshot, RespondentProfile.Breakdowns(PartnershipResponseDocxTests.Equality, 5));
        using var stream = new MemoryStream();
        SnapshotDocx.Write(snapshot, "Integrating care: evidence", stream);
        stream.Position = 0;

        using var document = WordprocessingDocument.Open(stream, false);
        var problems = new OpenXmlValidator().Validate(document).Select(e => e.Description + " at " + e.Path?.XPath).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5)));
        var body = document.MainDocumentPart!.Document.Body!;
        foreach (var (table, group, count) in PartnershipResponseDocxTests.ExpectedProfileRows)
        {
            var title = body.Elements<Paragraph>().Single(p => p.InnerText == table);
            var rows = Assert.IsType<Table>(title.NextSibling()).Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray());
            Assert.Contains(rows, r => r[0] == group && r[1] == count);
        }
    }

    [Fact]
    public async Task Write_XssCorpusInEveryTextField_KeptAsTextNeverMarkup()
    {
        var vectors = Repository.XssVectors;
        var responses = vectors.Select((v, i) => Response($"x{i:D3}", RespondentType.PartnerSubmission, q1: "Agree", q3: v, themes: [v], consent: PublishingConsent.PublishWithName, name: v, partner: new PartnerDetails("Org " + i + " " + v, v, v))).ToList();

        using var stream = await Write(responses);

        using var document = WordprocessingDocument.Open(stream, false);
        var problems = new OpenXmlValidator().Validate(document).Select(e => e.Description + " at " + e.Path?.XPath).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5)));
        using var reader = new StreamReader(document.MainDocumentPart!.GetStream());
        var xml = XDocument.Parse(await reader.ReadToEndAsync());
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        Assert.All(xml.Descendants(), e => Assert.True(e.Name.Namespace != XNamespace.None || e.Name.LocalName is not ("script" or "iframe" or "img"), e.Name.ToString()));
        var text = string.Concat(xml.Descendants(w + "t").Select(t => t.Value));
        foreach (var vector in vectors.Where(v => v.All(ch => ch >= 0x20)).Take(100))
        {
            Assert.Contains(vector, text, StringComparison.Ordinal);
        }
    }
}
