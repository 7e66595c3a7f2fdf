using System.Net;
using System.Text;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Time;

namespace EngagementPortal.Core.Responses;

/// <summary>The texts of the two emails the journey queues. Every string a person typed is HTML-encoded in the
/// HTML body; the plain-text body carries it as typed.</summary>
public static class ReceiptEmail
{
    public const string ReceiptKind = "response-receipt";
    public const string SaveAndReturnKind = "save-and-return";

    public sealed record Message(string Subject, string Text, string Html);

    public static Message Receipt(ConsultationVersion version, string reference, JourneyState state, string baseUrl)
    {
        var coordinator = new JourneyCoordinator(version);
        var rows = AnswerSummary.Rows(coordinator, state.Answers);
        var dataUrl = $"{baseUrl}/your-response";
        var consultationUrl = $"{baseUrl}/consultations/{version.Consultation.Slug}";
        var closes = UkTime.FormatDeadline(version.ClosesUtc);

        var text = new StringBuilder();
        text.AppendLine($"Thank you for responding to: {version.Title}").AppendLine();
        text.AppendLine($"Your reference is {reference}").AppendLine();
        text.AppendLine("Your answers").AppendLine();
        foreach (var row in rows)
        {
            text.AppendLine($"{row.Question.Number}. {row.Question.Text}");
            foreach (var line in row.Lines)
            {
                text.AppendLine(line);
            }

            text.AppendLine();
        }

        text.AppendLine("What happens next").AppendLine();
        text.AppendLine($"The consultation closes at {closes}. We read every response and will publish what people said and what we did about it at {consultationUrl}.");
        text.AppendLine();
        text.AppendLine($"To ask for a copy of your response or for it to be deleted, go to {dataUrl} and give your reference and this email address.");

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><body>");
        html.Append($"<p>Thank you for responding to: {E(version.Title)}</p>");
        html.Append($"<p>Your reference is <strong>{E(reference)}</strong></p>");
        html.Append("<h2>Your answers</h2>");
        foreach (var row in rows)
        {
            html.Append($"<h3>{row.Question.Number}. {E(row.Question.Text)}</h3>");
            foreach (var line in row.Lines)
            {
                html.Append($"<p>{E(line).Replace("\n", "<br>", StringComparison.Ordinal)}</p>");
            }
        }

        html.Append("<h2>What happens next</h2>");
        html.Append($"<p>The consultation closes at {E(closes)}. We read every response and will publish what people said and what we did about it at <a href=\"{E(consultationUrl)}\">{E(consultationUrl)}</a>.</p>");
        html.Append($"<p>To ask for a copy of your response or for it to be deleted, go to <a href=\"{E(dataUrl)}\">{E(dataUrl)}</a> and give your reference and this email address.</p>");
        html.Append("</body></html>");

        return new($"Your response to {version.Title}: reference {reference}", text.ToString(), html.ToString());
    }

    public static Message SaveAndReturn(ConsultationVersion version, string link, DateTime expiresUtc)
    {
        var expires = UkTime.FormatDeadline(expiresUtc);
        var text = $"""
            You saved your response to: {version.Title}

            To carry on where you left off, use this link:
            {link}

            The link works once, until {expires}. If you did not ask for it, you can ignore this email.
            """;
        var html = $"""
            <!DOCTYPE html><html lang="en-GB"><body>
            <p>You saved your response to: {E(version.Title)}</p>
            <p>To carry on where you left off, use this link:<br><a href="{E(link)}">{E(link)}</a></p>
            <p>The link works once, until {E(expires)}. If you did not ask for it, you can ignore this email.</p>
            </body></html>
            """;
        return new($"Continue your response to {version.Title}", text, html);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
