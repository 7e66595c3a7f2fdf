using System.Text;
using EngagementPortal.Core.Content;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EngagementPortal.Core.PartnershipResponses;

public enum NarrativeBlockKind
{
    Heading,
    Paragraph,
    Bullet,
    Quote,
}

/// <summary>One block of a narrative as plain text, for the writers (Word, PDF) that draw text rather than HTML.</summary>
public sealed record NarrativeBlock(NarrativeBlockKind Kind, string Text);

/// <summary>
/// The officers' Markdown as plain-text blocks: headings, paragraphs, list items and quotations, with emphasis dropped
/// and a link shown as its text followed by its address (only http, https and mailto addresses, as on the web page).
/// Raw HTML is never interpreted: with HTML disabled Markdig hands it over as literal text.
/// </summary>
public static class NarrativeBlocks
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static IReadOnlyList<NarrativeBlock> From(string? markdown)
    {
        var blocks = new List<NarrativeBlock>();
        foreach (var block in Markdown.Parse(markdown ?? "", Pipeline))
        {
            Add(block, blocks, quoted: false);
        }

        return blocks;
    }

    private static void Add(Block block, List<NarrativeBlock> blocks, bool quoted)
    {
        switch (block)
        {
            case HeadingBlock heading:
                blocks.Add(new(NarrativeBlockKind.Heading, Inline(heading.Inline)));
                break;
            case ParagraphBlock paragraph:
                blocks.Add(new(quoted ? NarrativeBlockKind.Quote : NarrativeBlockKind.Paragraph, Inline(paragraph.Inline)));
                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var text = string.Join(" ", item.OfType<ParagraphBlock>().Select(p => Inline(p.Inline)));
                    blocks.Add(new(NarrativeBlockKind.Bullet, text));
                }

                break;
            case QuoteBlock quote:
                foreach (var inner in quote)
                {
                    Add(inner, blocks, quoted: true);
                }

                break;
            case LeafBlock leaf when leaf.Lines.Count > 0:
                blocks.Add(new(NarrativeBlockKind.Paragraph, leaf.Lines.ToString()));
                break;
            case ContainerBlock container:
                foreach (var inner in container)
                {
                    Add(inner, blocks, quoted);
                }

                break;
        }
    }

    private static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(container, text);
        return text.ToString().Trim();
    }

    private static void Append(ContainerInline? container, StringBuilder text)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var before = text.Length;
                    Append(link, text);
                    if (!link.IsImage && !string.IsNullOrEmpty(link.Url) && SafeMarkdown.IsSafeUrl(link.Url) && text.ToString(before, text.Length - before) != link.Url)
                    {
                        text.Append(" (").Append(link.Url).Append(')');
                    }

                    break;
                case ContainerInline inner:
                    Append(inner, text);
                    break;
                default:
                    text.Append(inline.ToString());
                    break;
            }
        }
    }
}
