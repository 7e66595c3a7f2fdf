using EngagementPortal.Core.Content;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Content;

public sealed class SafeMarkdownTests
{
    public static TheoryData<int> XssVectorIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Repository.XssVectors.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(XssVectorIndexes))]
    public void XssVector_AsMarkdown_RendersInert(int index)
    {
        var vector = Repository.XssVectors[index];
        Assert.Empty(InertHtml.Problems(SafeMarkdown.ToHtml(vector)));
        // The same text used as a link target, an image and an autolink.
        Assert.Empty(InertHtml.Problems(SafeMarkdown.ToHtml($"[click]({vector})")));
        Assert.Empty(InertHtml.Problems(SafeMarkdown.ToHtml($"![img]({vector})")));
        Assert.Empty(InertHtml.Problems(SafeMarkdown.ToHtml($"<{vector}>")));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](java\tscript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    public void DangerousLink_KeepsTextButLosesTheLink(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        Assert.Empty(InertHtml.Problems(html));
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[NHS](https://www.england.nhs.uk/)", "href=\"https://www.england.nhs.uk/\"")]
    [InlineData("[Email us](mailto:engagement@example.nhs.uk)", "href=\"mailto:engagement@example.nhs.uk\"")]
    [InlineData("[Privacy](/privacy)", "href=\"/privacy\"")]
    [InlineData("[Section](#purpose)", "href=\"#purpose\"")]
    public void SafeLink_IsKept(string markdown, string expected) =>
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown), StringComparison.Ordinal);

    [Fact]
    public void RawHtml_IsShownAsText()
    {
        var html = SafeMarkdown.ToHtml("Hello <b onclick=\"x()\">there</b>");
        Assert.Contains("&lt;b onclick=", html, StringComparison.Ordinal);
        Assert.Empty(InertHtml.Problems(html));
    }
}
