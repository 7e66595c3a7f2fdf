using AngleSharp.Html.Parser;

namespace EngagementPortal.TestCommon;

/// <summary>The check ../shared/testdata/README.md asks for: parsed with a real HTML5 parser, the output has
/// no script element, no on* attribute and no javascript:, vbscript: or data: URL in any href or src.</summary>
public static class InertHtml
{
    private static readonly string[] DangerousSchemes = ["javascript:", "vbscript:", "data:"];

    public static IReadOnlyList<string> Problems(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var problems = new List<string>();
        foreach (var element in document.All)
        {
            if (element.LocalName is "script")
            {
                problems.Add("<script> element");
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{attribute.Name} attribute on <{element.LocalName}>");
                }

                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "srcset" or "background" or "poster" or "data")
                {
                    var value = new string([.. attribute.Value.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]).ToLowerInvariant();
                    if (DangerousSchemes.Any(value.StartsWith))
                    {
                        problems.Add($"{attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>");
                    }
                }
            }
        }

        return problems;
    }
}
