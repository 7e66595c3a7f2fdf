using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Email.Transports;
using EngagementPortal.TestCommon;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Email.Transports;

public sealed class NotifyTransportTests
{
    private const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    private const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    private const string TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    private static readonly string ApiKey = $"portal-test-key-{ServiceId}-{Secret}";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 1, 4, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void ApiKey_NameWithHyphens_SplitsServiceIdAndSecretFromTheEnd()
    {
        var key = NotifyApiKey.Parse(ApiKey);

        Assert.Equal(new NotifyApiKey(ServiceId, Secret), key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("just-a-name")]
    [InlineData("name-26785a09-ab16-4eb0-8407-a37497a57506_3d844edf-8d35-48ac-975b-e847b4f122b0")]
    [InlineData("name-not-a-uuid-at-all-not-a-uuid-at-all-xx-3d844edf-8d35-48ac-975b-e847b4f122b0")]
    public void ApiKey_NotInNotifysFormat_IsRejected(string? key) => Assert.Null(NotifyApiKey.Parse(key));

    [Fact]
    public void Hs256_KnownVector_MatchesRfc7515Example()
    {
        // The widely published HS256 example (jwt.io): header, payload and secret give this exact token.
        var token = Hs256Token.Create("""{"alg":"HS256","typ":"JWT"}""", """{"sub":"1234567890","name":"John Doe","iat":1516239022}""", "your-256-bit-secret");

        Assert.Equal("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", token);
    }

    [Fact]
    public async Task Send_ScriptedAnswers_SentRateLimitedServerErrorPermanentInTurn()
    {
        await using var listener = await ProviderListener.StartAsync("/v2/notifications/email", CheckNotifyRequest);
        listener.Answer(201, """{"id":"740e5834-3a29-46b4-9a6f-16142fde533a","reference":"x","content":{},"template":{}}""");
        listener.Answer(429, """{"errors":[{"error":"RateLimitError","message":"Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"}],"status_code":429}""", r => r.Headers.RetryAfter = "120");
        listener.Answer(500, """{"errors":[{"error":"Exception","message":"Internal server error"}],"status_code":500}""");
        listener.Answer(400, """{"errors":[{"error":"BadRequestError","message":"Can't send to this recipient using a team-only API key"}],"status_code":400}""");
        var transport = Transport(listener.BaseUrl);

        var results = new List<SendResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await transport.SendAsync(Envelope(), CancellationToken.None));
        }

        Assert.Empty(listener.Problems);
        Assert.Equal(new SendResult.Sent("740e5834-3a29-46b4-9a6f-16142fde533a"), results[0]);
        var limited = Assert.IsType<SendResult.TransientFailure>(results[1]);
        Assert.Equal(TimeSpan.FromSeconds(120), limited.RetryAfter);
        Assert.Contains("RateLimitError", limited.Error, StringComparison.Ordinal);
        Assert.IsType<SendResult.TransientFailure>(results[2]);
        Assert.Contains("team-only", Assert.IsType<SendResult.PermanentFailure>(results[3]).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NothingListening_TransientFailure()
    {
        var transport = Transport(new Uri("http://127.0.0.1:1"));

        var result = await transport.SendAsync(Envelope(), CancellationToken.None);

        Assert.IsType<SendResult.TransientFailure>(result);
    }

    private static EmailEnvelope Envelope() =>
        new(Guid.Parse("0b7c1a52-5d2e-4c61-9a57-2d3c5f1e8a11"), "resident@example.org", "Your response: ICS-7Q4K", "Thank you.\n\nReference: ICS-7Q4K", "<p>Thank you.</p>");

    private NotifyTransport Transport(Uri baseUrl) =>
        new(new HttpClient(), Options.Create(new EmailOptions { Transport = EmailTransportKind.Notify, Notify = { ApiKey = ApiKey, TemplateId = TemplateId, BaseUrl = baseUrl } }), _time);

    /// <summary>Notify's documented request: Bearer JWT (HS256, iss = service id, iat = now), JSON body with
    /// email_address, template_id, personalisation and reference.</summary>
    private IReadOnlyList<string> CheckNotifyRequest(HttpRequest request, string body)
    {
        var problems = new List<string>();
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return ["no Bearer token"];
        }

        var parts = auth["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return ["token is not a compact JWS"];
        }

        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        if (header.RootElement.GetProperty("alg").GetString() != "HS256" || header.RootElement.GetProperty("typ").GetString() != "JWT")
        {
            problems.Add("header must be typ JWT, alg HS256");
        }

        if (claims.RootElement.GetProperty("iss").GetString() != ServiceId)
        {
            problems.Add("iss is not the service id");
        }

        if (claims.RootElement.GetProperty("iat").GetInt64() != _time.GetUtcNow().ToUnixTimeSeconds())
        {
            problems.Add("iat is not now in epoch seconds");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, FromBase64Url(parts[2])))
        {
            problems.Add("signature does not verify with the secret key");
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            problems.Add("content type is not JSON");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.GetProperty("email_address").GetString() != "resident@example.org")
        {
            problems.Add("email_address");
        }

        if (root.GetProperty("template_id").GetString() != TemplateId)
        {
            problems.Add("template_id");
        }

        var personalisation = root.GetProperty("personalisation");
        if (personalisation.GetProperty("subject").GetString() != "Your response: ICS-7Q4K" || personalisation.GetProperty("body").GetString() != "Thank you.\n\nReference: ICS-7Q4K")
        {
            problems.Add("personalisation must carry subject and the plain-text body");
        }

        if (root.GetProperty("reference").GetString() != "0b7c1a52-5d2e-4c61-9a57-2d3c5f1e8a11")
        {
            problems.Add("reference");
        }

        return problems;
    }

    private static byte[] FromBase64Url(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
