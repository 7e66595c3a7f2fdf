using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email.Transports;

/// <summary>Any SMTP relay through System.Net.Mail (MailKit is not served here). A fresh client per message: SmtpClient is not thread-safe.</summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public string Name => "Smtp";

    public async Task<SendResult> SendAsync(EmailEnvelope message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            using var mail = MailMessages.Create(message, settings);
            using var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
            {
                EnableSsl = settings.Smtp.EnableTls,
                Timeout = (int)settings.SendTimeout.TotalMilliseconds,
                DeliveryMethod = SmtpDeliveryMethod.Network,
            };
            if (!string.IsNullOrEmpty(settings.Smtp.UserName))
            {
                client.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
            }

            await client.SendMailAsync(mail, cancellationToken);
            return new SendResult.Sent(null);
        }
        catch (FormatException e)
        {
            return new SendResult.PermanentFailure($"Not a valid address: {e.Message}");
        }
        catch (SmtpFailedRecipientException e) when (IsPermanent(e.StatusCode))
        {
            return new SendResult.PermanentFailure($"The server refused the recipient ({(int)e.StatusCode}): {e.Message}");
        }
        catch (SmtpException e) when (IsPermanent(e.StatusCode))
        {
            return new SendResult.PermanentFailure($"The server refused the message ({(int)e.StatusCode}): {e.Message}");
        }
        catch (SmtpException e)
        {
            // Connection refused, timeouts and 4xx replies: the server may take it later.
            return new SendResult.TransientFailure($"SMTP: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : "")}");
        }
        catch (InvalidOperationException e)
        {
            return new SendResult.TransientFailure($"SMTP: {e.Message}");
        }
    }

    /// <summary>5xx replies about the mailbox or the message are final; 5xx about the session (auth, TLS) are
    /// configuration a person fixes, and are also final for this row so officers see them at once.</summary>
    private static bool IsPermanent(SmtpStatusCode code) => (int)code is >= 500 and < 600;
}
