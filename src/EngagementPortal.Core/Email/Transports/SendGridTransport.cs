using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email.Transports;

/// <summary>SendGrid's v3 Mail Send (<c>POST /v3/mail/send</c>) over a typed HttpClient (the SendGrid package is not
/// served here). 202 Accepted is success; the message id comes back in <c>X-Message-Id</c>.</summary>
public sealed class SendGridTransport(HttpClient http, IOptions<EmailOptions> options) : IEmailTransport
{
    public string Name => "SendGrid";

    public async Task<SendResult> SendAsync(EmailEnvelope message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = new MailSend(
            [new Personalization([new Address(message.To, null)])],
            new Address(settings.From, settings.FromName),
            message.Subject,
            [new Content("text/plain", message.TextBody), new Content("text/html", message.HtmlBody)],
            new Dictionary<string, string> { ["outbox_id"] = message.Id.ToString() });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.SendGrid.BaseUrl, "/v3/mail/send"))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SendGrid.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return new SendResult.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
            }

            if (response.IsSuccessStatusCode)
            {
                // 200 means sandbox mode: valid, but nothing was delivered, so it must not count as sent.
                return new SendResult.PermanentFailure($"SendGrid answered {(int)response.StatusCode} (sandbox mode?), not 202: nothing was sent.");
            }

            return await HttpSendResults.FailureAsync("SendGrid", response, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return HttpSendResults.Unreachable("SendGrid", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return HttpSendResults.Unreachable("SendGrid", e);
        }
    }

    private sealed record MailSend(
        [property: JsonPropertyName("personalizations")] Personalization[] Personalizations,
        [property: JsonPropertyName("from")] Address From,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("content")] Content[] Content,
        [property: JsonPropertyName("custom_args")] Dictionary<string, string> CustomArgs);

    private sealed record Personalization([property: JsonPropertyName("to")] Address[] To);

    private sealed record Address(
        [property: JsonPropertyName("email")] string Email,
        [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name);

    private sealed record Content([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("value")] string Value);
}
