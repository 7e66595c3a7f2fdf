using System.Security.Cryptography;
using System.Text;

namespace EngagementPortal.Core.Responses;

/// <summary>Random bearer tokens (journey cookies, save-and-return links) and the hashes stored in their place.</summary>
public static class Tokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
