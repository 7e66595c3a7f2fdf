using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace EngagementPortal.Core.Content;

/// <summary>
/// Rich text from Umbraco is HTML written by staff, but it is still rendered only through an allow-list over a real
/// HTML5 parser (the browser's view of the markup, not a regex's): listed elements and attributes are rebuilt from
/// the parsed tree, links keep only http, https, mailto and relative URLs, and everything else is dropped. Unknown
/// elements (span, font, umb-rte-block) are unwrapped so their text stays; elements that carry code or embed other
/// documents are dropped with their content.
/// </summary>
public static class SafeHtml
{
    /// <summary>Deeper nesting than this is flattened to its text: real editors never nest so far, attackers do.</summary>
    public const int MaxDepth = 40;

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "b", "em", "i", "a", "blockquote", "br",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "div", "dl", "dt", "dd", "abbr", "sup", "sub",
    };

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
        "noframes", "svg", "math", "textarea", "select", "option", "title", "head", "xmp", "plaintext", "video", "audio",
        "canvas", "base", "link", "meta", "param", "source", "track", "input", "button", "form",
    };

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal) { "br" };

    public static string Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var document = parser.ParseDocument("");
        var nodes = parser.ParseFragment(html, document.Body!);
        var output = new StringBuilder(html.Length);
        foreach (var node in nodes)
        {
            Write(node, output, 0);
        }

        return output.ToString();
    }

    private static void Write(INode node, StringBuilder output, int depth)
    {
        switch (node)
        {
            case IText text:
                AppendEncoded(output, text.Data, attribute: false);
                return;
            case IElement element:
                WriteElement(element, output, depth);
                return;
            default:
                return; // comments, processing instructions, doctypes
        }
    }

    private static void WriteElement(IElement element, StringBuilder output, int depth)
    {
        var name = element.LocalName;
        if (DroppedWithContent.Contains(name) || element.NamespaceUri is not (null or "http://www.w3.org/1999/xhtml"))
        {
            return;
        }

        if (depth >= MaxDepth)
        {
            AppendEncoded(output, element.TextContent, attribute: false);
            return;
        }

        // The page has its own h1: an editor's h1 becomes the next level down.
        var tag = name == "h1" ? "h2" : name;
        if (!Allowed.Contains(tag))
        {
            WriteChildren(element, output, depth + 1);
            return;
        }

        var attributes = AllowedAttributes(tag, element);
        if (tag == "a" && !attributes.Any(a => a.Name == "href"))
        {
            // A link whose target was refused is kept as its text.
            WriteChildren(element, output, depth + 1);
            return;
        }

        output.Append('<').Append(tag);
        foreach (var (attributeName, value) in attributes)
        {
            output.Append(' ').Append(attributeName).Append("=\"");
            AppendEncoded(output, value, attribute: true);
            output.Append('"');
        }

        output.Append('>');
        if (Void.Contains(tag))
        {
            return;
        }

        WriteChildren(element, output, depth + 1);
        output.Append("</").Append(tag).Append('>');
    }

    private static void WriteChildren(IElement element, StringBuilder output, int depth)
    {
        foreach (var child in element.ChildNodes)
        {
            Write(child, output, depth);
        }
    }

    private static List<(string Name, string Value)> AllowedAttributes(string tag, IElement element)
    {
        var result = new List<(string, string)>();
        foreach (var attribute in element.Attributes)
        {
            var name = attribute.LocalName;
            var value = attribute.Value;
            switch (tag, name)
            {
                case ("a", "href") when IsSafeLink(value):
                    result.Add(("href", value.Trim()));
                    break;
                case ("a", "title") or ("abbr", "title"):
                    result.Add((name, value));
                    break;
                case ("th" or "td", "colspan" or "rowspan") when int.TryParse(value, out var span) && span is > 0 and <= 100:
                    result.Add((name, span.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case ("th", "scope") when value is "col" or "row" or "colgroup" or "rowgroup":
                    result.Add((name, value));
                    break;
                case ("ol", "start") when int.TryParse(value, out var start) && start is >= 0 and <= 100_000:
                    result.Add((name, start.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case ("div" or "p" or "ul" or "ol" or "table" or "li", "class"):
                    var classes = NhsukClasses(value);
                    if (classes.Length > 0)
                    {
                        result.Add(("class", classes));
                    }

                    break;
                default:
                    break;
            }
        }

        if (tag == "a" && result.Any(a => a.Item1 == "href") && IsAbsoluteHttp(result.First(a => a.Item1 == "href").Item2))
        {
            result.Add(("rel", "noopener noreferrer"));
        }

        return result;
    }

    /// <summary>Only the design system's own classes (nhsuk-inset-text, nhsuk-list…), so authored markup can look like the
    /// rest of the site without being able to imitate the portal's own controls (portal-*) or load styles of its own.</summary>
    private static string NhsukClasses(string value) => string.Join(' ', value
        .Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries)
        .Where(c => c.StartsWith("nhsuk-", StringComparison.Ordinal) && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
        .Distinct(StringComparer.Ordinal));

    private static bool IsSafeLink(string value) =>
        !string.IsNullOrWhiteSpace(value) && SafeMarkdown.IsSafeUrl(value) && !value.Any(char.IsControl);

    private static bool IsAbsoluteHttp(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("//", StringComparison.Ordinal);

    private static void AppendEncoded(StringBuilder output, string value, bool attribute)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '&':
                    output.Append("&amp;");
                    break;
                case '<':
                    output.Append("&lt;");
                    break;
                case '>':
                    output.Append("&gt;");
                    break;
                case '"' when attribute:
                    output.Append("&quot;");
                    break;
                case '\0':
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }
}
