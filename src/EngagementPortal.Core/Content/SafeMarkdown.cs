using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EngagementPortal.Core.Content;

/// <summary>
/// Renders authored Markdown to HTML that can carry no script. Raw HTML is shown as text, and every
/// link, image and autolink is checked: only http, https, mailto and relative URLs survive
/// (<c>DisableHtml()</c> alone lets <c>[x](javascript:...)</c> and <c>&lt;javascript:...&gt;</c> through).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafeUrl(link.Url))
            {
                ReplaceWithText(link, link.IsImage ? link.Title ?? "" : null);
            }
            else if (link.IsImage && !IsHttpOrRelative(link.Url))
            {
                ReplaceWithText(link, null);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        return Markdig.Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>True for http, https and mailto URLs and for relative ones; false for anything with another
    /// scheme, after removing the control characters and whitespace browsers ignore inside a scheme.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var cleaned = new string([.. url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);
        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        var firstDelimiter = cleaned.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
        {
            return true; // a relative URL with a colon later on, such as /a:b
        }

        var scheme = cleaned[..colon].ToLowerInvariant();
        return AllowedSchemes.Contains(scheme);
    }

    private static bool IsHttpOrRelative(string? url) =>
        IsSafeUrl(url) && !(url ?? "").TrimStart().StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static void ReplaceWithText(LinkInline link, string? replacementText)
    {
        var container = new ContainerInline();
        if (replacementText is not null)
        {
            container.AppendChild(new LiteralInline(replacementText));
        }
        else
        {
            while (link.FirstChild is { } child)
            {
                child.Remove();
                container.AppendChild(child);
            }
        }

        link.ReplaceBy(container);
    }
}
