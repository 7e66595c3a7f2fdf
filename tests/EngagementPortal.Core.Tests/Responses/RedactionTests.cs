using EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class RedactionTests
{
    [Fact]
    public void Apply_ReplacesEveryOccurrence_LongestItemFirst()
    {
        var items = Redaction.Items("Jane\r\n\r\n  Jane Smith  \nJane");

        var result = Redaction.Apply("I am Jane Smith of 4 Hull Road. Jane again.", items);

        Assert.True(result.IsValid);
        Assert.Equal(["Jane", "Jane Smith"], items);
        Assert.Equal("I am [redacted] of 4 Hull Road. [redacted] again.", result.Value);
    }

    [Fact]
    public void Apply_ItemNotInTheText_IsAnErrorAndChangesNothing()
    {
        var result = Redaction.Apply("I am Jane Smith", ["John"]);

        Assert.False(result.IsValid);
        Assert.Equal("I am Jane Smith", result.Value);
        Assert.Contains("\"John\" is not in the answer", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NothingEntered_AsksForIt()
    {
        var result = Redaction.Apply("text", Redaction.Items(" \n "));

        Assert.Equal("Items", Assert.Single(result.Errors).Field);
    }
}
