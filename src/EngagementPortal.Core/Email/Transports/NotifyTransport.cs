using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email.Transports;

/// <summary>
/// GOV.UK Notify's "send an email" (<c>POST /v2/notifications/email</c>). Notify sends only its own templates, so
/// the portal uses one template whose subject is <c>((subject))</c> and body <c>((body))</c> and passes the plain
/// text as personalisation; Notify renders it in its own GOV.UK style (it takes no HTML).
/// </summary>
public sealed class NotifyTransport(HttpClient http, IOptions<EmailOptions> options, TimeProvider time) : IEmailTransport
{
    public string Name => "Notify";

    public async Task<SendResult> SendAsync(EmailEnvelope message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Notify;
        var key = NotifyApiKey.Parse(settings.ApiKey) ?? throw new InvalidOperationException("Email:Notify:ApiKey was validated at start-up.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, "/v2/notifications/email"))
        {
            Content = JsonContent.Create(new NotifyEmailRequest(
                message.To,
                settings.TemplateId!,
                new Dictionary<string, string> { ["subject"] = message.Subject, ["body"] = message.TextBody },
                message.Id.ToString())),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.CreateToken(time.GetUtcNow()));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                return new SendResult.Sent(created.TryGetProperty("id", out var id) ? id.GetString() : null);
            }

            return await HttpSendResults.FailureAsync("Notify", response, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return HttpSendResults.Unreachable("Notify", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return HttpSendResults.Unreachable("Notify", e);
        }
    }

    private sealed record NotifyEmailRequest(
        [property: JsonPropertyName("email_address")] string EmailAddress,
        [property: JsonPropertyName("template_id")] string TemplateId,
        [property: JsonPropertyName("personalisation")] Dictionary<string, string> Personalisation,
        [property: JsonPropertyName("reference")] string Reference);
}
