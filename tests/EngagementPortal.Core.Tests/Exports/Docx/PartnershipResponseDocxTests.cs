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
    internal static async Task<PartnershipDocument> Document(string narrative, string? quoteText = null, string? summary = "You said it matters; we kept councils on the board.", IReadOnlyCollection<EqualityCount>? equality = null)
    {
        var snapshot = await PartnershipFixtures.CollateAsync("integrating-care", Questions, PartnershipFixtures.Responses(Questions, At, quoteText), At);
        if (equality is not null)
        {
            snapshot = RespondentProfile.AddTo(snapshot, RespondentProfile.Breakdowns(equality, 5));
        }

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

    /// <summary>
    /// Equality monitoring counts: age 65 to 74 (3) is under 5, so it and the next smallest, 35 to 44 (7), are suppressed;
    /// ethnicity's two small groups (2 and 4) are both suppressed; everything else is shown.
    /// </summary>
    internal static readonly IReadOnlyCollection<EqualityCount> Equality =
    [
        new(RespondentProfile.AgeBand, "25 to 34", 12), new(RespondentProfile.AgeBand, "35 to 44", 7), new(RespondentProfile.AgeBand, "65 to 74", 3), new(RespondentProfile.AgeBand, null, 20),
        new(RespondentProfile.Sex, "Female", 23), new(RespondentProfile.Sex, "Male", 19),
        new(RespondentProfile.Disability, "Yes", 6), new(RespondentProfile.Disability, "No", 36),
        new(RespondentProfile.Ethnicity, "Asian or Asian British", 2), new(RespondentProfile.Ethnicity, "Black, Black British, Caribbean or African", 4), new(RespondentProfile.Ethnicity, "White", 36),
    ];

    /// <summary>The (group, shown count) rows the Word and PDF exports must both give for <see cref="Equality"/>.</summary>
    internal static readonly (string Table, string Group, string Count)[] ExpectedProfileRows =
    [
        ("Age band", "25 to 34", "12"), ("Age band", "35 to 44", RespondentProfile.SuppressedText), ("Age band", "65 to 74", RespondentProfile.SuppressedText),
        ("Age band", "18 to 24", "0"), ("Age band", "Not given", "20"),
        ("Sex", "Female", "23"), ("Sex", "Male", "19"),
        ("Disability", "Yes", "6"), ("Disability", "No", "36"),
        ("Ethnicity", "Asian or Asian British", RespondentProfile.SuppressedText), ("Ethnicity", "Black, Black British, Caribbean or African", RespondentProfile.SuppressedText), ("Ethnicity", "White", "36"),
    ];

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
    public async Task Write_EqualityProfile_TablePerCharacteristicWithSmallGroupsSuppressed()
    {
        var document = await Document("Most people agreed [[tally:Q1]].", equality: Equality);

        using var word = Open(document, out var stream);
        using var _ = stream;

        var problems = new OpenXmlValidator().Validate(word).Select(e => e.Description + " at " + e.Path?.XPath).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5)));
        var body = word.MainDocumentPart!.Document.Body!;
        Assert.Contains("Who responded: equality monitoring", body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId is not null).Select(p => p.InnerText));
        var titles = new[] { "Age band", "Sex", "Disability", "Ethnicity" };
        var tables = new Dictionary<string, Dictionary<string, string>>();
        foreach (var title in titles)
        {
            // Each characteristic's title paragraph is followed by its table.
            var heading = body.Elements<Paragraph>().Single(p => p.InnerText == title);
            var table = Assert.IsType<Table>(heading.NextSibling());
            var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
            Assert.Equal(["Group", "Respondents"], rows[0]);
            tables[title] = rows.Skip(1).ToDictionary(r => r[0], r => r[1]);
        }

        foreach (var (table, group, count) in ExpectedProfileRows)
        {
            Assert.Equal(count, tables[table][group]);
        }

        // The hidden counts appear nowhere in the profile's tables.
        Assert.DoesNotContain("7", tables["Age band"].Values);
        Assert.DoesNotContain("3", tables["Age band"].Values);
        Assert.DoesNotContain("2", tables["Ethnicity"].Values);
        Assert.DoesNotContain("4", tables["Ethnicity"].Values);
    }

    [Fact]
    public async Task Write_NoEqualityAnswers_NoProfileSection()
    {
        var document = await Document("Most people agreed [[tally:Q1]].");

        using var word = Open(document, out var stream);
        using var _ = stream;

        Assert.DoesNotContain("equality monitoring", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_XssCorpusInNarrativeAndQuotes_KeptAsTextNeverMarkup()
    {
        foreach (var chunk in Repository.XssVectors.Chunk(60))
        {
            var narrative = string.Join("\n\n", chunk);
            var equality = chunk.Select(v => new EqualityCount(RespondentProfile.Ethnicity, v, 6)).ToList();
            var document = await Document(narrative, quoteText: string.Join(" ", chunk), summary: narrative, equality: equality);

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
