using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EngagementPortal.TestCommon;

/// <summary>RFC 6238 codes as an authenticator app makes them (HMAC-SHA1, 30-second steps, 6 digits), from the
/// Base32 key the enrolment page shows, so tests sign in the way a person does.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var step = at.ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Identity checks codes against the machine's clock, not the portal's TimeProvider.</summary>
    public static string Now(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
