using EngagementPortal.Web.Pages.BackOffice.Consultations;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Consultations;

public sealed class BarChartTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(10, 10)]
    [InlineData(11, 20)]
    [InlineData(480, 500)]
    [InlineData(501, 1000)]
    public void TidyMaximum_IsOneTwoOrFiveTimesAPowerOfTen(int max, int expected)
    {
        Assert.Equal(expected, BarChart.TidyMaximum(max));
    }

    [Fact]
    public void Columns_ShareTheWidth_AndStandOnTheAxis()
    {
        var chart = BarChart.Columns("c", "Responses by day", "Day", [("Mon", 2), ("Tue", 0), ("Wed", 5)]);

        Assert.Equal(5, chart.Scale);
        var bottom = BarChart.ColumnChartHeight - BarChart.ColumnAxisBottom;
        Assert.All(chart.Bars, b => Assert.Equal(bottom, b.Y + b.Height, 6));
        Assert.Equal(0, chart.Bars[1].Height);
        Assert.Equal(chart.Bars[2].Height, 2.5 * chart.Bars[0].Height, 6);
        Assert.True(chart.Bars[2].X + chart.Bars[2].Width <= BarChart.ColumnChartWidth);
        Assert.Equal("Responses by day: 7 in all; the most, 5, for Wed. The table after the chart has every figure.", chart.Description);
    }

    [Fact]
    public void Rows_StackDownwards_WithPercentOfTheGivenTotal()
    {
        var chart = BarChart.Rows("r", "Question 1", "Answer", [("Agree", 3), ("Disagree", 1)], percentOf: 8);

        Assert.Equal([37.5, 12.5], chart.Bars.Select(b => b.Percent));
        Assert.True(chart.Bars[1].Y > chart.Bars[0].Y + chart.Bars[0].Height);
        Assert.Equal(chart.Bars[0].Width, 3 * chart.Bars[1].Width, 6);
        Assert.True(chart.Height >= chart.Bars[^1].Y + chart.Bars[^1].Height);
    }

    [Fact]
    public void NoData_SaysNoneYet()
    {
        Assert.Equal("Responses by channel: none yet.", BarChart.Rows("r", "Responses by channel", "Channel", []).Description);
    }
}
