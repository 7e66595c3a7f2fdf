using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace EngagementPortal.Core.Email.Transports;

/// <summary>Builds the System.Net.Mail message the Pickup and SMTP transports share: plain text first, HTML as the alternative.</summary>
internal static class MailMessages
{
    public static MailMessage Create(EmailEnvelope envelope, EmailOptions options)
    {
        var message = new MailMessage
        {
            From = new MailAddress(options.From, options.FromName),
            Subject = envelope.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(envelope.To));
        message.Headers.Add("X-Portal-Message-Id", envelope.Id.ToString());
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(envelope.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(envelope.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        return message;
    }
}
