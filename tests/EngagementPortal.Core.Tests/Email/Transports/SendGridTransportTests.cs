using System.Text.Json;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Email.Transports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Email.Transports;

public sealed class SendGridTransportTests
{
    private const string ApiKey = "SG.test-key.abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task Send_ScriptedAnswers_SentRateLimitedServerErrorPermanentInTurn()
    {
        await using var listener = await ProviderListener.StartAsync("/v3/mail/send", CheckMailSend);
        listener.Answer(202, headers: r => r.Headers["X-Message-Id"] = "W8f3bq6ZT1yCY4rQ0kD7hA");
        listener.Answer(429, """{"errors":[{"message":"too many requests","field":null,"help":null}]}""", r => r.Headers.RetryAfter = "60");
        listener.Answer(503, """{"errors":[{"message":"service unavailable"}]}""");
        listener.Answer(400, """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":null}]}""");
        var transport = Transport(listener.BaseUrl);

        var results = new List<SendResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await transport.SendAsync(Envelope(), CancellationToken.None));
        }

        Assert.Empty(listener.Problems);
        Assert.Equal(new SendResult.Sent("W8f3bq6ZT1yCY4rQ0kD7hA"), results[0]);
        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<SendResult.TransientFailure>(results[1]).RetryAfter);
        Assert.IsType<SendResult.TransientFailure>(results[2]);
        Assert.Contains("verified Sender Identity", Assert.IsType<SendResult.PermanentFailure>(results[3]).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_KeyRejected_PermanentFailure()
    {
        await using var listener = await ProviderListener.StartAsync("/v3/mail/send", CheckMailSend);
        listener.Answer(401, """{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,"help":null}]}""");

        var result = await Transport(listener.BaseUrl).SendAsync(Envelope(), CancellationToken.None);

        Assert.Empty(listener.Problems);
        Assert.IsType<SendResult.PermanentFailure>(result);
    }

    private static EmailEnvelope Envelope() =>
        new(Guid.Parse("5f0c8d8e-4f7b-4b07-bb0e-54a8f0f3a1c2"), "resident@example.org", "Your response: ICS-7Q4K", "Thank you. Reference: ICS-7Q4K", "<p>Thank you. Reference: <strong>ICS-7Q4K</strong></p>");

    private static SendGridTransport Transport(Uri baseUrl) =>
        new(new HttpClient(), Options.Create(new EmailOptions { Transport = EmailTransportKind.SendGrid, From = "engagement@example.nhs.uk", FromName = "Humber and North Yorkshire Health and Care Partnership", SendGrid = { ApiKey = ApiKey, BaseUrl = baseUrl } }));

    /// <summary>v3 Mail Send's documented shape: Bearer key; personalizations[].to[].email; from.email; subject;
    /// content[] with text/plain before text/html.</summary>
    private static IReadOnlyList<string> CheckMailSend(HttpRequest request, string body)
    {
        var problems = new List<string>();
        if (request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
        {
            problems.Add("Authorization must be Bearer <api key>");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var personalizations = root.GetProperty("personalizations");
        if (personalizations.GetArrayLength() != 1 || personalizations[0].GetProperty("to")[0].GetProperty("email").GetString() != "resident@example.org")
        {
            problems.Add("personalizations[0].to[0].email");
        }

        if (root.GetProperty("from").GetProperty("email").GetString() != "engagement@example.nhs.uk" || root.GetProperty("from").GetProperty("name").GetString() != "Humber and North Yorkshire Health and Care Partnership")
        {
            problems.Add("from");
        }

        if (root.GetProperty("subject").GetString() != "Your response: ICS-7Q4K")
        {
            problems.Add("subject");
        }

        var content = root.GetProperty("content");
        if (content.GetArrayLength() != 2
            || content[0].GetProperty("type").GetString() != "text/plain" || content[0].GetProperty("value").GetString() != "Thank you. Reference: ICS-7Q4K"
            || content[1].GetProperty("type").GetString() != "text/html" || !content[1].GetProperty("value").GetString()!.Contains("<strong>ICS-7Q4K</strong>", StringComparison.Ordinal))
        {
            problems.Add("content must be text/plain then text/html");
        }

        return problems;
    }
}
