using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email.Transports;

/// <summary>
/// Writes each message as an .eml file (RFC 5322, by System.Net.Mail's pickup writer) into a folder, named by
/// the outbox id so a message is one file. The writer picks its own file name, so it writes into a private
/// folder first and the finished file is moved into place: a reader never sees half a message.
/// </summary>
public sealed class PickupTransport(IOptions<EmailOptions> options, PickupFolder folder) : IEmailTransport
{
    public string Name => "Pickup";

    public Task<SendResult> SendAsync(EmailEnvelope message, CancellationToken cancellationToken)
    {
        var target = Path.Combine(folder.Path, $"{message.Id:N}.eml");
        var staging = Path.Combine(folder.Path, ".staging", message.Id.ToString("N"));
        try
        {
            Directory.CreateDirectory(staging);
            using (var mail = MailMessages.Create(message, options.Value))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                client.Send(mail);
            }

            var written = Directory.GetFiles(staging, "*.eml").Single();
            File.Move(written, target, overwrite: true);
            Directory.Delete(staging, recursive: true);
            return Task.FromResult<SendResult>(new SendResult.Sent(Path.GetFileName(target)));
        }
        catch (IOException e)
        {
            return Task.FromResult<SendResult>(new SendResult.TransientFailure($"Could not write to the mail folder: {e.Message}"));
        }
        catch (UnauthorizedAccessException e)
        {
            return Task.FromResult<SendResult>(new SendResult.TransientFailure($"Could not write to the mail folder: {e.Message}"));
        }
        catch (FormatException e)
        {
            return Task.FromResult<SendResult>(new SendResult.PermanentFailure($"Not a valid address: {e.Message}"));
        }
    }
}

/// <summary>The Pickup transport's folder, resolved against the portal root.</summary>
public sealed record PickupFolder(string Path);
