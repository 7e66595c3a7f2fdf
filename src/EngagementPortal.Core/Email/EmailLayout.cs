using System.Globalization;
using System.Net;
using System.Text;

namespace EngagementPortal.Core.Email;

/// <summary>One piece of an email's content. Every string is plain text from anyone: the layout encodes it.</summary>
public abstract record EmailBlock
{
    public sealed record Paragraph(string Text) : EmailBlock;

    /// <summary>A highlighted panel (NHS inset text), for a reference number or a deadline.</summary>
    public sealed record Inset(string Text) : EmailBlock;

    /// <summary>Label and value pairs (a summary list), for answers or message details.</summary>
    public sealed record Facts(IReadOnlyList<KeyValuePair<string, string>> Rows) : EmailBlock;

    public sealed record Bullets(IReadOnlyList<string> Items) : EmailBlock;

    /// <summary>A link; only http(s) URLs are rendered as links, anything else as text.</summary>
    public sealed record Link(string Text, string Url) : EmailBlock;
}

public sealed record EmailContent(string Subject, string Heading, IReadOnlyList<EmailBlock> Blocks);

public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// The one layout every portal email uses: plain text, and HTML in the NHS style (blue header band, Frutiger-like
/// Arial stack, inline styles because mail clients drop style sheets). No user string reaches the HTML unencoded.
/// </summary>
public static class EmailLayout
{
    private const string Blue = "#005eb8";
    private const string Text = "#212b32";
    private const string Grey = "#4c6272";
    private const string Font = "font-family:Arial,Helvetica,sans-serif;";

    public static RenderedEmail Render(EmailContent content, string senderName) =>
        new(content.Subject, RenderText(content, senderName), RenderHtml(content, senderName));

    private static string RenderText(EmailContent content, string senderName)
    {
        var text = new StringBuilder();
        text.Append(content.Heading).Append('\n').Append(new string('=', Math.Min(content.Heading.Length, 70))).Append("\n\n");
        foreach (var block in content.Blocks)
        {
            switch (block)
            {
                case EmailBlock.Paragraph p:
                    text.Append(p.Text).Append("\n\n");
                    break;
                case EmailBlock.Inset i:
                    text.Append("  ").Append(i.Text.Replace("\n", "\n  ", StringComparison.Ordinal)).Append("\n\n");
                    break;
                case EmailBlock.Facts f:
                    foreach (var (label, value) in f.Rows)
                    {
                        text.Append(label).Append(":\n  ").Append(value.Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case EmailBlock.Bullets b:
                    foreach (var item in b.Items)
                    {
                        text.Append("* ").Append(item).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case EmailBlock.Link l:
                    text.Append(l.Text).Append(": ").Append(l.Url).Append("\n\n");
                    break;
            }
        }

        text.Append("--\n").Append(senderName).Append('\n');
        return text.ToString();
    }

    private static string RenderHtml(EmailContent content, string senderName)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{E(content.Subject)}</title></head>
            <body style="margin:0;padding:0;background:#f0f4f5;{Font}color:{Text};">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f0f4f5;"><tr><td align="center" style="padding:0;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;">
            <tr><td style="background:{Blue};padding:16px 24px;color:#ffffff;{Font}font-size:19px;font-weight:bold;">{E(senderName)}</td></tr>
            <tr><td style="padding:24px;{Font}font-size:16px;line-height:1.5;color:{Text};">
            <h1 style="{Font}font-size:28px;line-height:1.2;margin:0 0 24px;color:{Text};">{E(content.Heading)}</h1>

            """);
        foreach (var block in content.Blocks)
        {
            switch (block)
            {
                case EmailBlock.Paragraph p:
                    html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 16px;\">{Lines(p.Text)}</p>\n");
                    break;
                case EmailBlock.Inset i:
                    html.Append(CultureInfo.InvariantCulture, $"<div style=\"border-left:8px solid {Blue};padding:8px 16px;margin:0 0 16px;background:#ffffff;\"><p style=\"margin:0;\">{Lines(i.Text)}</p></div>\n");
                    break;
                case EmailBlock.Facts f:
                    html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\" style=\"margin:0 0 16px;border-collapse:collapse;\">\n");
                    foreach (var (label, value) in f.Rows)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\" align=\"left\" valign=\"top\" style=\"{Font}font-weight:bold;padding:8px 16px 8px 0;border-bottom:1px solid #d8dde0;width:40%;\">{E(label)}</th><td valign=\"top\" style=\"{Font}padding:8px 0;border-bottom:1px solid #d8dde0;\">{Lines(value)}</td></tr>\n");
                    }

                    html.Append("</table>\n");
                    break;
                case EmailBlock.Bullets b:
                    html.Append("<ul style=\"margin:0 0 16px;padding-left:20px;\">");
                    foreach (var item in b.Items)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<li style=\"margin:0 0 8px;\">{E(item)}</li>");
                    }

                    html.Append("</ul>\n");
                    break;
                case EmailBlock.Link l:
                    html.Append(IsWebUrl(l.Url)
                        ? string.Create(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 16px;\"><a href=\"{E(l.Url)}\" style=\"color:{Blue};\">{E(l.Text)}</a></p>\n")
                        : string.Create(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 16px;\">{E(l.Text)}: {E(l.Url)}</p>\n"));
                    break;
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </td></tr>
            <tr><td style="padding:16px 24px;border-top:4px solid {Blue};{Font}font-size:14px;color:{Grey};">{E(senderName)}</td></tr>
            </table></td></tr></table></body></html>
            """);
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Lines(string text) => E(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
