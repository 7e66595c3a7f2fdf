using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using EngagementPortal.Core.Collation;
using EngagementPortal.TestCommon;
using EngagementPortal.Web.Commands;
using Microsoft.Data.Sqlite;

namespace EngagementPortal.Web.Tests.Commands;

/// <summary>The command line, run in-process through the same entry point Program.cs calls, on a temp SQLite file.</summary>
public sealed class PortalCommandsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementportal-tests", $"commands-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> _settings;

    public PortalCommandsTests()
    {
        Directory.CreateDirectory(_folder);
        _settings = new()
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_folder, "portal.db")}",
            ["Demo:Enabled"] = "false",
            ["Email:PickupDirectory"] = Path.Combine(_folder, "mail"),
            ["Documents:Path"] = Path.Combine(_folder, "documents"),
        };
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }

    private async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await PortalCommands.RunAsync(args, Repository.Root, output, errors, _settings);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task SeedDemoThenCollate_WritesSnapshotCsvWordAndPdfWithTheSameFigures()
    {
        var seeded = await RunAsync("seed-demo", "--responses", "400", "--seed", "3");
        Assert.Equal(0, seeded.Code);
        Assert.Contains("Added 400 responses to \"integrating-care\"", seeded.Output, StringComparison.Ordinal);
        Assert.Matches(@"[1-9][0-9]* answers indexed for search", seeded.Output);

        var outFolder = Path.Combine(_folder, "out");
        var collated = await RunAsync("collate", "integrating-care", "--out", outFolder);

        Assert.Equal(0, collated.Code);
        var snapshot = SnapshotJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outFolder, "snapshot.json")));
        Assert.Equal(snapshot.ContentHash, Collator.Hash(snapshot.Content));
        Assert.Contains(snapshot.ContentHash, collated.Output, StringComparison.Ordinal);
        var counts = snapshot.Content.Responses;
        Assert.Equal(400, counts.Overall + counts.Campaign + counts.Duplicate + counts.Spam + counts.Withdrawn);
        Assert.True(counts.PartnerSubmission >= 1);
        Assert.Equal(4, snapshot.Content.Questions.Count);
        Assert.All(snapshot.Content.Questions, q => Assert.Equal(counts.Overall, q.Tally.Sum(r => r.Overall.Count)));
        Assert.Contains(snapshot.Content.Questions, q => q.CodedThemes.Count > 0);

        var csv = await File.ReadAllTextAsync(Path.Combine(outFolder, "snapshot.csv"));
        var q1 = snapshot.Content.Questions[0];
        var agree = q1.Tally.Single(r => r.Option == "Agree");
        Assert.Contains(agree.Overall.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), csv, StringComparison.Ordinal);

        using var word = WordprocessingDocument.Open(Path.Combine(outFolder, "snapshot.docx"), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains(q1.Text, text, StringComparison.Ordinal);

        var pdfText = await PdfText(Path.Combine(outFolder, "snapshot.pdf"));
        Assert.Contains("Collated evidence only", pdfText, StringComparison.Ordinal);
        Assert.Contains(snapshot.ContentHash[..16], pdfText, StringComparison.Ordinal);
        Assert.Matches($@"Agree\s+{agree.Individual.Count}\b", pdfText);
        Assert.Contains(counts.Overall.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), pdfText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collate_PdfTurnedOff_WritesTheOtherFilesAndSaysWhyNoPdf()
    {
        _settings["Exports:Pdf:Enabled"] = "false";
        Assert.Equal(0, (await RunAsync("seed-demo", "--responses", "30")).Code);
        var outFolder = Path.Combine(_folder, "out");

        var collated = await RunAsync("collate", "integrating-care", "--out", outFolder);

        Assert.Equal(0, collated.Code);
        Assert.Contains("No PDF written: The PDF export is turned off (Exports:Pdf:Enabled)", collated.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outFolder, "snapshot.pdf")));
        Assert.True(File.Exists(Path.Combine(outFolder, "snapshot.json")));
        Assert.True(File.Exists(Path.Combine(outFolder, "snapshot.docx")));
        Assert.True(File.Exists(Path.Combine(outFolder, "snapshot.csv")));
    }

    /// <summary>The PDF's text as poppler's pdftotext reads it (layout kept, so a table row stays on one line).</summary>
    private static async Task<string> PdfText(string file)
    {
        var info = new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return text;
    }

    [Fact]
    public async Task Collate_UnknownConsultation_FailsWithAMessage()
    {
        var result = await RunAsync("collate", "no-such-consultation", "--out", Path.Combine(_folder, "out"));

        Assert.Equal(1, result.Code);
        Assert.Contains("No consultation \"no-such-consultation\"", result.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }

    [Fact]
    public async Task Themes_TestDataWithACodedFraction_EveryLineBackWithSuggestionsAndTheCodedShareMarked()
    {
        var input = Path.Combine(_folder, "in.jsonl");
        var lines = File.ReadLines(Repository.TestData(Path.Combine("themes", "iai-themefinder-evals-synthetic-gambling.jsonl"))).Take(300).ToList();
        await File.WriteAllLinesAsync(input, lines);
        var outPath = Path.Combine(_folder, "out.jsonl");

        var result = await RunAsync("themes", "--in", input, "--out", outPath, "--coded-fraction", "0.1", "--seed", "1");

        Assert.Equal(0, result.Code);
        var written = (await File.ReadAllLinesAsync(outPath)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(lines.Count, written.Count);
        Assert.All(written, line => Assert.IsType<JsonArray>(line["suggested"]));
        var coded = written.Count(l => l["coded"]?.GetValue<bool>() == true);
        Assert.InRange(coded, 1, lines.Count / 5);
        Assert.All(written.Where(l => l["coded"] is null), l => Assert.NotEmpty(l["suggested"]!.AsArray()));
        Assert.Equal(JsonNode.Parse(lines[0])!["text"]!.GetValue<string>(), written[0]["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("collate", "integrating-care")]
    [InlineData("seed-demo", "--responses", "many")]
    [InlineData("themes", "--in")]
    public async Task Command_MissingOrBadArguments_UsageAndExitCodeTwo(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.Code);
        Assert.Contains("Commands:", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Recognises_OnlyTheCommandsAsFirstArgument()
    {
        Assert.True(PortalCommands.Recognises(["collate", "x"]));
        Assert.True(PortalCommands.Recognises(["seed-demo"]));
        Assert.False(PortalCommands.Recognises(["--urls", "http://localhost:5000"]));
        Assert.False(PortalCommands.Recognises([]));
    }
}
