using System.Globalization;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>One bar of a chart, in the chart's own units (its SVG viewBox), with the figure it stands for.</summary>
public sealed record ChartBar(string Label, int Value, double Percent, double X, double Y, double Width, double Height)
{
    public static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>
/// What a server-drawn SVG chart needs: a title and description for screen readers (the SVG is one image), the
/// bars laid out, and the same figures for the data table beneath it. Pure, so the layout is tested without a page.
/// </summary>
public sealed record BarChart(string Id, string Title, string Description, string LabelHeader, IReadOnlyList<ChartBar> Bars, double Width, double Height, int Scale)
{
    public const double ColumnChartWidth = 640;
    public const double ColumnChartHeight = 200;
    public const double ColumnAxisLeft = 40;
    public const double ColumnAxisBottom = 24;
    public const double RowChartWidth = 640;
    public const double RowLabelHeight = 20;
    public const double RowBarHeight = 18;
    public const double RowGap = 10;
    public const double RowValueSpace = 120;

    /// <summary>Upright columns, one per item, left to right (responses by day). The scale rounds up to a tidy number.</summary>
    public static BarChart Columns(string id, string title, string labelHeader, IReadOnlyList<(string Label, int Value)> data)
    {
        var scale = TidyMaximum(data.Count == 0 ? 0 : data.Max(d => d.Value));
        var total = data.Sum(d => d.Value);
        var plotWidth = ColumnChartWidth - ColumnAxisLeft;
        var plotHeight = ColumnChartHeight - ColumnAxisBottom - 8;
        var slot = data.Count == 0 ? 0 : plotWidth / data.Count;
        var bars = data.Select((d, i) =>
        {
            var height = plotHeight * d.Value / scale;
            return new ChartBar(d.Label, d.Value, Percent(d.Value, total), ColumnAxisLeft + (i * slot) + (slot * 0.1), ColumnChartHeight - ColumnAxisBottom - height, slot * 0.8, height);
        }).ToList();
        return new BarChart(id, title, Describe(title, data, total), labelHeader, bars, ColumnChartWidth, ColumnChartHeight, scale);
    }

    /// <summary>Horizontal bars, one per item, top to bottom, each with its label above it (answer options can be long).</summary>
    public static BarChart Rows(string id, string title, string labelHeader, IReadOnlyList<(string Label, int Value)> data, int? percentOf = null)
    {
        var scale = TidyMaximum(data.Count == 0 ? 0 : data.Max(d => d.Value));
        var total = percentOf ?? data.Sum(d => d.Value);
        var rowHeight = RowLabelHeight + RowBarHeight + RowGap;
        var bars = data.Select((d, i) =>
            new ChartBar(d.Label, d.Value, Percent(d.Value, total), 0, (i * rowHeight) + RowLabelHeight, (RowChartWidth - RowValueSpace) * d.Value / scale, RowBarHeight)).ToList();
        return new BarChart(id, title, Describe(title, data, total), labelHeader, bars, RowChartWidth, Math.Max(rowHeight, data.Count * rowHeight), scale);
    }

    /// <summary>The smallest of 1, 2, 5 × 10ⁿ at or above the largest value, so the axis reads cleanly.</summary>
    public static int TidyMaximum(int max)
    {
        if (max <= 1)
        {
            return 1;
        }

        for (var power = 1; ; power *= 10)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                if (step * power >= max)
                {
                    return step * power;
                }
            }
        }
    }

    private static double Percent(int value, int total) => total == 0 ? 0 : Math.Round(100.0 * value / total, 1);

    /// <summary>A sentence a screen reader says for the whole chart: the largest item, and where the full figures are.</summary>
    private static string Describe(string title, IReadOnlyList<(string Label, int Value)> data, int total)
    {
        if (data.Count == 0 || total == 0)
        {
            return $"{title}: none yet.";
        }

        var top = data.MaxBy(d => d.Value);
        return string.Create(CultureInfo.InvariantCulture, $"{title}: {total:N0} in all; the most, {top.Value:N0}, for {top.Label}. The table after the chart has every figure.");
    }
}
