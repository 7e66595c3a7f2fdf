namespace EngagementPortal.Core.Responses;

/// <summary>
/// A response's reference, e.g. <c>ICS-7K3M-9QDP</c>: a prefix, seven characters that encode a sequence number
/// through a fixed bijection (so two sequence numbers can never give the same reference, and neighbours do not
/// look alike), and a check character. The alphabet leaves out 0, O, 1 and I so it reads aloud and types back
/// without confusion. The check is Damm's algorithm over the 32-element field GF(2^5): it catches every
/// single mistyped character and every swap of two neighbouring characters (docs/adr/0030).
/// </summary>
public static class ResponseReference
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public const int BodyLength = 7;

    private const int Bits = BodyLength * 5;
    private const long Mask = (1L << Bits) - 1;

    // Odd multipliers are invertible modulo 2^35; xor-shifts are invertible too, so the mix is a bijection.
    private const long Multiplier1 = 0x5DEECE66DL & Mask | 1;
    private const long Multiplier2 = 0x2545F4914FL & Mask | 1;
    private const long Offset = 0x3C6EF372L;

    /// <summary>How many distinct references one prefix can hold.</summary>
    public const long Capacity = 1L << Bits;

    private static readonly int[] Values = BuildValues();

    /// <summary>The reference for sequence number <paramref name="sequence"/> (0 ≤ sequence &lt; <see cref="Capacity"/>).</summary>
    public static string Format(string prefix, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sequence, Capacity);
        var mixed = Mix(sequence);
        Span<char> body = stackalloc char[BodyLength + 1];
        for (var i = BodyLength - 1; i >= 0; i--)
        {
            body[i] = Alphabet[(int)(mixed & 31)];
            mixed >>= 5;
        }

        body[BodyLength] = Alphabet[CheckValue(body[..BodyLength])];
        return $"{prefix}-{body[..4]}-{body[4..]}";
    }

    /// <summary>Reads what a person typed: any case, spaces or dashes anywhere. A wrong check character, a
    /// character outside the alphabet or a wrong length is a failure, never an exception.</summary>
    public static ReferenceParse Parse(string? typed, string prefix)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return ReferenceParse.Fail("Enter your reference");
        }

        var compact = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '–')]).ToUpperInvariant();
        if (compact.StartsWith(prefix, StringComparison.Ordinal))
        {
            compact = compact[prefix.Length..];
        }

        if (compact.Length != BodyLength + 1)
        {
            return ReferenceParse.Fail($"Enter your reference in full, like {prefix}-7K3M-9QDP");
        }

        if (compact.Any(c => c >= 128 || Values[c] < 0))
        {
            return ReferenceParse.Fail("Your reference contains a character it cannot have: check it against your receipt");
        }

        if (!IsValidBody(compact))
        {
            return ReferenceParse.Fail("That reference is not right: check each character against your receipt");
        }

        return ReferenceParse.Ok($"{prefix}-{compact[..4]}-{compact[4..]}");
    }

    /// <summary>True when the eight characters (body and check) pass Damm's check.</summary>
    public static bool IsValidBody(ReadOnlySpan<char> bodyWithCheck)
    {
        var interim = 0;
        foreach (var c in bodyWithCheck)
        {
            interim = Operate(interim, Values[c]);
        }

        return interim == 0;
    }

    /// <summary>The inverse of the mix, to prove it is a bijection (and to let an officer read the sequence).</summary>
    public static long SequenceOf(string reference)
    {
        var compact = reference[(reference.IndexOf('-', StringComparison.Ordinal) + 1)..].Replace("-", "", StringComparison.Ordinal);
        long mixed = 0;
        foreach (var c in compact[..BodyLength])
        {
            mixed = (mixed << 5) | (long)Values[c];
        }

        return Unmix(mixed);
    }

    internal static long Mix(long x)
    {
        x = (x * Multiplier1 + Offset) & Mask;
        x ^= x >> 17;
        x = (x * Multiplier2) & Mask;
        x ^= x >> 13;
        return x;
    }

    internal static long Unmix(long x)
    {
        x = UnXorShift(x, 13);
        x = (x * Inverse(Multiplier2)) & Mask;
        x = UnXorShift(x, 17);
        x = ((x - Offset) * Inverse(Multiplier1)) & Mask;
        return x;
    }

    private static long UnXorShift(long y, int shift)
    {
        var x = y;
        for (var i = 0; i < Bits / shift + 1; i++)
        {
            x = y ^ (x >> shift);
        }

        return x & Mask;
    }

    /// <summary>Multiplicative inverse of an odd number modulo 2^35 (Newton's iteration).</summary>
    private static long Inverse(long a)
    {
        long x = a;
        for (var i = 0; i < 6; i++)
        {
            x = (x * (2 - a * x)) & Mask;
        }

        return x;
    }

    /// <summary>Damm's quasigroup over GF(32): x ∘ y = 2·x + y. It is totally anti-symmetric because 2 ≠ 1.</summary>
    private static int Operate(int interim, int value) => Double(interim) ^ value;

    /// <summary>Multiplication by x in GF(2^5) with the irreducible polynomial x^5 + x^2 + 1.</summary>
    private static int Double(int v)
    {
        v <<= 1;
        return (v & 32) != 0 ? v ^ 0x25 : v;
    }

    private static int CheckValue(ReadOnlySpan<char> body)
    {
        var interim = 0;
        foreach (var c in body)
        {
            interim = Operate(interim, Values[c]);
        }

        // The check c makes 2·interim + c = 0, i.e. c = 2·interim in characteristic 2.
        return Double(interim);
    }

    private static int[] BuildValues()
    {
        var values = Enumerable.Repeat(-1, 128).ToArray();
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = i;
        }

        return values;
    }
}

public sealed record ReferenceParse(bool Succeeded, string? Reference, string? Error)
{
    public static ReferenceParse Ok(string reference) => new(true, reference, null);

    public static ReferenceParse Fail(string error) => new(false, null, error);
}
