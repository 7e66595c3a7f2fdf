using CsvHelper;

namespace EngagementPortal.TestCommon;

/// <summary>A CSV read back with CsvHelper as a spreadsheet would read it: each row keyed by its header.</summary>
public static class CsvRows
{
    public static async Task<List<Dictionary<string, string>>> ReadAsync(string text)
    {
        await using var csv = CsvReader.Create(new StringReader(text.TrimStart('\uFEFF')), CsvReaderOptions.Default with { HasHeader = false }, false);
        var rows = new List<Dictionary<string, string>>();
        string[]? headers = null;
        while (await csv.ReadAsync())
        {
            var fields = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
            if (headers is null)
            {
                headers = fields;
                continue;
            }

            rows.Add(headers.Select((h, i) => (h, fields[i])).ToDictionary(p => p.h, p => p.Item2));
        }

        return rows;
    }
}
