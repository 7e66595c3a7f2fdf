using AngleSharp.Html.Parser;
using EngagementPortal.Core.Content;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Content;

public sealed class SafeHtmlTests
{
    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Repository.XssVectors.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Sanitize_XssVector_IsInert(int index)
    {
        var vector = Repository.XssVectors[index];

        var html = SafeHtml.Sanitize(vector);

        Assert.Empty(InertHtml.Problems(html));
        Assert.Empty(InertHtml.Problems("<div>" + html + "</div>"));
    }

    [Fact]
    public void Sanitize_XssVectorsInsideAllowedMarkup_StayInert()
    {
        foreach (var vector in Repository.XssVectors)
        {
            var html = SafeHtml.Sanitize($"<p><strong>{vector}</strong></p><ul><li><a href=\"/ok\">{vector}</a></li></ul>");
            Assert.Empty(InertHtml.Problems(html));
        }
    }

    [Fact]
    public void Sanitize_UmbracoFixtureBody_KeepsItsStructure()
    {
        const string markup = "<h2>Introduction</h2><p>Some <strong>bold</strong> and <em>em</em>.</p><ul><li><p>One</p></li></ul><div class=\"nhsuk-inset-text\"><h3>Have your say</h3><p>Text</p></div>";

        Assert.Equal(markup, SafeHtml.Sanitize(markup));
    }

    [Theory]
    [InlineData("<a href=\"https://www.england.nhs.uk/\">NHS</a>", "<a href=\"https://www.england.nhs.uk/\" rel=\"noopener noreferrer\">NHS</a>")]
    [InlineData("<a href=\"mailto:england.legislation@nhs.net\">write</a>", "<a href=\"mailto:england.legislation@nhs.net\">write</a>")]
    [InlineData("<a href=\"/consultations/a\">rel</a>", "<a href=\"/consultations/a\">rel</a>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "x")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "x")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>", "x")]
    [InlineData("<a href=\"ftp://example.org/\">x</a>", "x")]
    [InlineData("<a>no target</a>", "no target")]
    public void Sanitize_Links_KeepOnlyHttpHttpsMailtoAndRelative(string input, string expected) =>
        Assert.Equal(expected, SafeHtml.Sanitize(input));

    [Theory]
    [InlineData("<p style=\"color:red\" onclick=\"x()\" id=\"a\">t</p>", "<p>t</p>")]
    [InlineData("<div class=\"nhsuk-inset-text portal-admin evil\">t</div>", "<div class=\"nhsuk-inset-text\">t</div>")]
    [InlineData("<div class=\"portal-admin\">t</div>", "<div>t</div>")]
    [InlineData("<h1>Title</h1>", "<h2>Title</h2>")]
    [InlineData("<span><font color=red>text</font></span>", "text")]
    [InlineData("<script>alert(1)</script>after", "after")]
    [InlineData("<style>p{}</style><iframe src=\"https://x\"></iframe><p>kept</p>", "<p>kept</p>")]
    [InlineData("<img src=\"https://x/y.png\" alt=\"a\">", "")]
    [InlineData("<table><tr><th scope=\"col\" colspan=\"2\">h</th></tr><tr><td rowspan=\"x\">d</td></tr></table>", "<table><tbody><tr><th scope=\"col\" colspan=\"2\">h</th></tr><tr><td>d</td></tr></tbody></table>")]
    [InlineData("a &lt;b&gt; &amp; \"c\"", "a &lt;b&gt; &amp; \"c\"")]
    [InlineData("<!-- comment --><p>x</p>", "<p>x</p>")]
    [InlineData("<umb-rte-block data-content-id=\"1\"></umb-rte-block><p>x</p>", "<p>x</p>")]
    [InlineData("line<br>break", "line<br>break")]
    public void Sanitize_Markup_KeepsOnlyTheAllowList(string input, string expected) =>
        Assert.Equal(expected, SafeHtml.Sanitize(input));

    [Fact]
    public void Sanitize_AttributeValues_AreEncoded()
    {
        var html = SafeHtml.Sanitize("<a href=\"/a?b=1&amp;c=&quot;2&quot;\" title='x\"onmouseover=\"y'>t</a>");

        var link = new HtmlParser().ParseDocument(html).QuerySelector("a")!;
        Assert.Equal("/a?b=1&c=\"2\"", link.GetAttribute("href"));
        Assert.Equal("x\"onmouseover=\"y", link.GetAttribute("title"));
        Assert.Null(link.GetAttribute("onmouseover"));
    }

    [Fact]
    public void Sanitize_DeepNesting_IsFlattenedToText()
    {
        var deep = string.Concat(Enumerable.Repeat("<div>", 5000)) + "<script>x</script>deep" + string.Concat(Enumerable.Repeat("</div>", 5000));

        var html = SafeHtml.Sanitize(deep);

        Assert.Empty(InertHtml.Problems(html));
        Assert.Contains("deep", html, StringComparison.Ordinal);
        Assert.Equal(SafeHtml.MaxDepth, html.Split("<div>").Length - 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Sanitize_Nothing_IsEmpty(string? input) => Assert.Equal("", SafeHtml.Sanitize(input));
}
