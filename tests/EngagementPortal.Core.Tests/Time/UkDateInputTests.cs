using EngagementPortal.Core.Time;

namespace EngagementPortal.Core.Tests.Time;

public sealed class UkDateInputTests
{
    [Fact]
    public void SummerDate_IsBritishSummerTime_StoredAsUtc()
    {
        var result = UkDateInput.Parse("30", "6", "2021", "23:59", "00:00");

        Assert.Equal(DateInputOutcome.Valid, result.Outcome);
        Assert.Equal(new DateTime(2021, 6, 30, 22, 59, 0, DateTimeKind.Utc), result.Utc);
    }

    [Fact]
    public void EmptyTime_TakesTheDefault()
    {
        Assert.Equal(new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc), UkDateInput.Parse("8", "1", "2021", " ", "23:59").Utc);
    }

    [Fact]
    public void NothingTyped_IsEmpty()
    {
        Assert.Equal(DateInputOutcome.Empty, UkDateInput.Parse("", null, " ", "", "00:00").Outcome);
    }

    [Theory]
    [InlineData("", "1", "2021", "Closing date must include a day")]
    [InlineData("8", "", "", "Closing date must include a month and year")]
    [InlineData("", "", "", "Enter the closing date as well as the time")]
    public void MissingParts_SayWhichAreMissing(string day, string month, string year, string message)
    {
        var result = UkDateInput.Parse(day, month, year, year.Length == 0 && day.Length == 0 ? "17:00" : null, "00:00");

        Assert.Equal(DateInputOutcome.Incomplete, result.Outcome);
        Assert.Equal(message, result.Message("Closing date"));
    }

    [Theory]
    [InlineData("31", "2", "2021")]
    [InlineData("1", "13", "2021")]
    [InlineData("1", "1", "21")]
    [InlineData("one", "1", "2021")]
    [InlineData("0", "1", "2021")]
    public void ImpossibleDates_AreNotReal(string day, string month, string year)
    {
        var result = UkDateInput.Parse(day, month, year, null, "00:00");

        Assert.Equal(DateInputOutcome.NotReal, result.Outcome);
        Assert.Equal("Closing date must be a real date", result.Message("Closing date"));
    }

    [Fact]
    public void BadTime_IsRefusedWithTheField()
    {
        var result = UkDateInput.Parse("8", "1", "2021", "25:00", "00:00");

        Assert.Equal(DateInputOutcome.BadTime, result.Outcome);
        Assert.Equal("Enter the time for the closing date on the 24-hour clock, like 23:59", result.Message("Closing date"));
    }
}
