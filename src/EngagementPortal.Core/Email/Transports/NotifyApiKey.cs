using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EngagementPortal.Core.Email.Transports;

/// <summary>
/// A GOV.UK Notify API key, <c>{key name}-{service id}-{secret key}</c>: the last two parts are UUIDs (36 characters
/// each), and the name may itself contain hyphens, so the parts are cut from the end.
/// </summary>
public sealed record NotifyApiKey(string ServiceId, string SecretKey)
{
    private const int UuidLength = 36;

    public static NotifyApiKey? Parse(string? key)
    {
        if (key is null || key.Length < (2 * UuidLength) + 1)
        {
            return null;
        }

        var secret = key[^UuidLength..];
        var service = key[^((2 * UuidLength) + 1)..^(UuidLength + 1)];
        var separator = key[^(UuidLength + 1)];
        return separator == '-' && Guid.TryParseExact(secret, "D", out _) && Guid.TryParseExact(service, "D", out _)
            ? new NotifyApiKey(service, secret)
            : null;
    }

    /// <summary>The bearer token Notify asks for: a JWT, HS256, <c>iss</c> = service id, <c>iat</c> = now in epoch
    /// seconds (Notify refuses tokens more than 30 seconds off its clock), signed with the secret key.</summary>
    public string CreateToken(DateTimeOffset now) =>
        Hs256Token.Create(
            """{"typ":"JWT","alg":"HS256"}""",
            JsonSerializer.Serialize(new Dictionary<string, object> { ["iss"] = ServiceId, ["iat"] = now.ToUnixTimeSeconds() }),
            SecretKey);
}

/// <summary>A compact JWS with HMAC-SHA256 (RFC 7515): base64url(header).base64url(payload).base64url(signature).</summary>
public static class Hs256Token
{
    public static string Create(string headerJson, string payloadJson, string secret)
    {
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(headerJson))}.{Base64Url(Encoding.UTF8.GetBytes(payloadJson))}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
