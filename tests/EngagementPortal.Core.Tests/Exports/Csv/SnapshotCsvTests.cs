using System.Globalization;
using CsvHelper;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Exports.Csv;
using EngagementPortal.TestCommon;
using static EngagementPortal.Core.Tests.Collation.CollationFixtures;

namespace EngagementPortal.Core.Tests.Exports.Csv;

public sealed class SnapshotCsvTests
{
    private static async Task<List<string[]>> WriteAndRead(IEnumerable<CollationAnswerSet> responses)
    {
        var run = await new Collator(new FakeTimeProvider()).CollateAsync(Definition(), Options(), responses);
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await SnapshotCsv.WriteAsync(run.Snapshot, writer);
        await using var reader = CsvReader.Create(new StringReader(writer.ToString()), CsvReaderOptions.Default with { HasHeader = false }, false);
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    [Fact]
    public async Task WriteAsync_Tallies_SameNumbersAsSnapshot()
    {
        var rows = await WriteAndRead(
        [
            Response("a", q1: "Agree"),
            Response("b", q1: "Agree"),
            Response("c", q1: "Disagree"),
            Response("d", q1: "Disagree", moderation: ModerationState.Campaign),
        ]);

        Assert.Equal(["Section", "Question", "Item", "Column", "Count", "Percent", "Text"], rows[0]);
        Assert.Contains(rows, r => r is ["Tally", "Q1", "Agree", "Overall", "2", "66.7", ""]);
        Assert.Contains(rows, r => r is ["Tally", "Q1", "Disagree", "Campaign", "1", "100.0", ""]);
        Assert.Contains(rows, r => r is ["Responses", "", "Overall", "", "3", "", ""]);
    }

    [Fact]
    public async Task WriteAsync_FormulaAndXssInRespondentText_NeutralisedAsText()
    {
        var vectors = Repository.XssVectors.Take(40).Concat(["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "@cmd", "-2+3"]).ToList();
        var responses = vectors.Select((v, i) => Response($"x{i:D3}", RespondentType.PartnerSubmission, q1: "Agree", q3: v, themes: [v], consent: PublishingConsent.PublishWithName, partner: new PartnerDetails(v, v, v))).ToList();

        var rows = await WriteAndRead(responses);

        foreach (var field in rows.SelectMany(r => r))
        {
            Assert.False(field.Length > 0 && "=+-@\t\r".Contains(field[0], StringComparison.Ordinal), $"field read back as a formula: {field}");
        }

        Assert.Contains(rows, r => r.Contains("'=HYPERLINK(\"http://evil.example\",\"x\")"));
    }
}
