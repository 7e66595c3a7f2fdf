using System.Diagnostics;
using System.Text;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Exports.Pdf;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.Core.Tests.Exports.Docx;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Exports.Pdf;

public sealed class PartnershipResponsePdfTests
{
    private static readonly PdfExportOptions Options = new();

    /// <summary>Writes the PDF and reads its text back with poppler's pdftotext, as a reader's tools would.</summary>
    internal static async Task<(byte[] Pdf, string Text)> WriteAndExtract(PartnershipDocument document, bool layout = false)
    {
        using var stream = new MemoryStream();
        var result = PartnershipResponsePdf.Write(document, stream, Options);
        Assert.True(result.Written, result.Problem);
        var file = Path.Combine(Path.GetTempPath(), $"ep-pdf-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, stream.ToArray());
        try
        {
            var info = new ProcessStartInfo("pdftotext", layout ? ["-layout", "-enc", "UTF-8", file, "-"] : ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return (stream.ToArray(), text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> Poppler(string tool, byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ep-pdf-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, [file]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Write_SignedOffVersion_A4WithTheSameWordsAndNumbersAsWord()
    {
        var document = await PartnershipResponseDocxTests.Document("Most people agreed [[tally:Q1]], though [[partner:Hull City Council]] did not.");

        var (pdf, text) = await WriteAndExtract(document, layout: true);

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.Contains("(A4)", await Poppler("pdfinfo", pdf), StringComparison.Ordinal);
        Assert.Contains("Integrating care: partnership response", text, StringComparison.Ordinal);
        Assert.Contains("Version 2, signed off by Jane Smith (Director of Strategy)", text, StringComparison.Ordinal);
        Assert.Contains("Most people agreed [1], though [2] did not.", text, StringComparison.Ordinal);
        Assert.Contains("[1] Question 1 tally, all respondents: Agree 4 (57.1%); Disagree 2 (28.6%); Strongly disagree 1", text, StringComparison.Ordinal);
        var agreeRow = text.Split('\n').First(l => l.TrimStart().StartsWith("Agree ", StringComparison.Ordinal));
        Assert.Equal(["Agree", "3", "1", "0", "4", "57.1", "1"], agreeRow.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Question 1: overall responses", text, StringComparison.Ordinal);
        Assert.Contains("Hull City Council", text, StringComparison.Ordinal);
        Assert.Contains("Annex: method", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnershipFixtures.PrivateText, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_EqualityProfile_SameNumbersAsWordWithSmallGroupsSuppressed()
    {
        var document = await PartnershipResponseDocxTests.Document("Most people agreed [[tally:Q1]].", equality: PartnershipResponseDocxTests.Equality);

        var (_, text) = await WriteAndExtract(document, layout: true);

        Assert.Contains("Who responded: equality monitoring", text, StringComparison.Ordinal);
        var lines = text.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        foreach (var (table, group, count) in PartnershipResponseDocxTests.ExpectedProfileRows)
        {
            // Rows are read within their table: from the characteristic's title to the next title.
            var start = lines.IndexOf(table);
            Assert.True(start >= 0, table);
            var end = lines.FindIndex(start + 1, l => l is "Age band" or "Sex" or "Disability" or "Ethnicity" || l.StartsWith("Question 1:", StringComparison.Ordinal));
            var rows = lines.GetRange(start, end - start);
            Assert.Contains($"{group} {count}", rows);
        }

        var ageRows = lines.GetRange(lines.IndexOf("Age band"), lines.IndexOf("Sex") - lines.IndexOf("Age band"));
        Assert.DoesNotContain(ageRows, l => l.EndsWith(" 7", StringComparison.Ordinal) || l.EndsWith(" 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_Disabled_RefusedWithTheSetting()
    {
        var document = await PartnershipResponseDocxTests.Document("x");

        var result = PartnershipResponsePdf.Write(document, new MemoryStream(), new PdfExportOptions { Enabled = false });

        Assert.False(result.Written);
        Assert.Contains("Exports:Pdf:Enabled", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_XssCorpusInNarrativeAndQuotes_DrawnAsTextWithNoActions()
    {
        var vectors = Repository.XssVectors;
        var narrative = string.Join("\n\n", vectors.Select(v => v.Replace("\n", " ", StringComparison.Ordinal)));
        var equality = vectors.Take(50).Select(v => new EqualityCount(RespondentProfile.Ethnicity, v, 6)).ToList();
        var document = await PartnershipResponseDocxTests.Document(narrative, quoteText: string.Join(" ", vectors.Take(50)), summary: narrative, equality: equality);

        var (pdf, text) = await WriteAndExtract(document);

        var raw = Encoding.Latin1.GetString(pdf);
        // Whole PDF names only: a name ends at whitespace or a delimiter, and a font subset's random tag (say
        // "/JSJKMN+LiberationSans") merely starts with the same letters.
        static string Name(string name) => $@"/{name}(?=[\s/<>\[\](){{}}%]|$)";
        const string actions = "<</OpenAction<</S/JavaScript/JS(app.alert(1))>>/AA<</O<</S/Launch/F(x)>>>>/A<</S/URI/URI(http://x)>>/SubmitForm[]>>";
        foreach (var action in new[] { "JavaScript", "JS", "Launch", "URI", "OpenAction", "AA", "SubmitForm" })
        {
            Assert.Matches(Name(action), actions); // the check would see the action were it there
            Assert.DoesNotMatch(Name(action), raw);
        }

        Assert.DoesNotMatch(Name("JS"), "/FontName/JSJKMN+LiberationSans");

        // Respondents' words (the quotes) survive as text, compared without the spaces and line breaks wrapping adds;
        // the narrative is Markdown, so its vectors are read as Markdown (emphasis, escapes) before being drawn as text.
        static string Squash(string s) => new([.. s.Where(c => !char.IsWhiteSpace(c))]);
        var squashed = Squash(System.Text.RegularExpressions.Regex.Replace(text, @"^Page \d+$", "", System.Text.RegularExpressions.RegexOptions.Multiline));
        foreach (var vector in vectors.Take(50).Where(v => v.All(c => c is >= ' ' and <= '~')))
        {
            Assert.True(squashed.Contains(Squash(vector), StringComparison.Ordinal), "missing: " + vector);
        }
    }
}
