using System.Globalization;
using System.Runtime.Intrinsics;
using EngagementPortal.Core.Collation.Themes;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// Near-duplicate detection for campaign answers: each answer becomes the set of its word 3-shingles
/// (lower-cased words, punctuation ignored), summarised by a MinHash signature of
/// <see cref="SignatureLength"/> 32-bit minima; the share of equal minima estimates the Jaccard
/// similarity of two shingle sets. Locality-sensitive hashing (bands of rows) finds candidate pairs
/// without comparing every pair; candidates at or above the threshold are joined (union-find), so a
/// group is a connected set of near-copies.
/// </summary>
public static class NearDuplicates
{
    public const int SignatureLength = 48;
    public const int ShingleWords = 3;

    private static readonly ulong[] Seeds = CreateSeeds(0x5EED);
    private static readonly ulong[] Multipliers = CreateSeeds(0xACE).Select(m => m | 1).ToArray();
    private static readonly Vector512<ulong>[] SeedVectors = [.. Enumerable.Range(0, SignatureLength / 8).Select(k => Vector512.Create(Seeds.AsSpan(k * 8, 8)))];
    private static readonly Vector512<ulong>[] MultiplierVectors = [.. Enumerable.Range(0, SignatureLength / 8).Select(k => Vector512.Create(Multipliers.AsSpan(k * 8, 8)))];

    public static uint[] Signature(string text) => Signature(WordHashes(text));

    public static uint[] Signature(List<ulong> words) =>
        Vector512.IsHardwareAccelerated ? SignatureVector512(words) : SignatureScalar(words);

    /// <summary>The signature one hash function at a time: the definition, and what runs without 512-bit vectors.</summary>
    internal static uint[] SignatureScalar(List<ulong> words)
    {
        var signature = new uint[SignatureLength];
        Array.Fill(signature, uint.MaxValue);
        if (words.Count == 0)
        {
            return signature;
        }

        var shingles = Math.Max(1, words.Count - ShingleWords + 1);
        for (var s = 0; s < shingles; s++)
        {
            var h = ShingleHash(words, s);

            // One well-mixed hash per shingle, then 48 cheap universal hashes (odd multiplier, added seed, high bits).
            for (var i = 0; i < SignatureLength; i++)
            {
                var v = (uint)(((h * Multipliers[i]) + Seeds[i]) >> 32);
                if (v < signature[i])
                {
                    signature[i] = v;
                }
            }
        }

        return signature;
    }

    /// <summary>
    /// The same minima as <see cref="SignatureScalar"/>, sixteen hash functions at a time: the 48 multiply-adds per
    /// shingle were the largest single cost of taking in a response (ingestion computes 400,000 signatures at 100,000 responses).
    /// </summary>
    internal static uint[] SignatureVector512(List<ulong> words)
    {
        var signature = new uint[SignatureLength];
        if (words.Count == 0)
        {
            Array.Fill(signature, uint.MaxValue);
            return signature;
        }

        var m = MultiplierVectors;
        var seeds = SeedVectors;
        var min0 = Vector512<uint>.AllBitsSet;
        var min1 = Vector512<uint>.AllBitsSet;
        var min2 = Vector512<uint>.AllBitsSet;
        var shingles = Math.Max(1, words.Count - ShingleWords + 1);
        for (var s = 0; s < shingles; s++)
        {
            var h = Vector512.Create(ShingleHash(words, s));

            // (h * multiplier + seed) >> 32 in 64-bit lanes, then narrowed: each lane's low half is the high word.
            min0 = Vector512.Min(min0, Vector512.Narrow(Vector512.ShiftRightLogical((h * m[0]) + seeds[0], 32), Vector512.ShiftRightLogical((h * m[1]) + seeds[1], 32)));
            min1 = Vector512.Min(min1, Vector512.Narrow(Vector512.ShiftRightLogical((h * m[2]) + seeds[2], 32), Vector512.ShiftRightLogical((h * m[3]) + seeds[3], 32)));
            min2 = Vector512.Min(min2, Vector512.Narrow(Vector512.ShiftRightLogical((h * m[4]) + seeds[4], 32), Vector512.ShiftRightLogical((h * m[5]) + seeds[5], 32)));
        }

        min0.CopyTo(signature, 0);
        min1.CopyTo(signature, 16);
        min2.CopyTo(signature, 32);
        return signature;
    }

    private static ulong ShingleHash(List<ulong> words, int start)
    {
        var h = 14695981039346656037UL;
        var end = Math.Min(words.Count, start + ShingleWords);
        for (var w = start; w < end; w++)
        {
            h = Mix(h ^ words[w]);
        }

        return h;
    }

    /// <summary>A 64-bit hash of each lower-cased word (letters and digits), in order; punctuation and case are ignored.</summary>
    public static List<ulong> WordHashes(string text) => WordHashes(text, new List<ulong>(text.Length / 5));

    /// <summary>The word hashes into <paramref name="result"/>, emptied first: ingestion reuses one list per thread.</summary>
    internal static List<ulong> WordHashes(string text, List<ulong> result)
    {
        result.Clear();
        var h = 14695981039346656037UL;
        var inWord = false;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                h = (h ^ char.ToLowerInvariant(ch)) * 1099511628211UL;
                inWord = true;
            }
            else if (inWord)
            {
                result.Add(h);
                h = 14695981039346656037UL;
                inWord = false;
            }
        }

        if (inWord)
        {
            result.Add(h);
        }

        return result;
    }

    /// <summary>Identifies a text up to case and punctuation, for "distinct texts".</summary>
    public static ulong TextHash(List<ulong> words)
    {
        var h = 14695981039346656037UL;
        foreach (var w in words)
        {
            h = Mix(h ^ w);
        }

        return h;
    }

    public static double EstimatedSimilarity(uint[] a, uint[] b)
    {
        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                same++;
            }
        }

        return (double)same / a.Length;
    }

    /// <summary>Whether at least <paramref name="needed"/> minima agree; stops as soon as that can no longer happen.</summary>
    internal static bool AtLeast(uint[] a, uint[] b, int needed)
    {
        var allowedMisses = a.Length - needed;
        var misses = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && ++misses > allowedMisses)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Bands × rows = signature length, chosen so the LSH curve's midpoint sits well below the threshold (few missed pairs).</summary>
    public static (int Bands, int Rows) Banding(double threshold)
    {
        (int Bands, int Rows)[] options = [(6, 8), (8, 6), (12, 4), (16, 3), (24, 2), (48, 1)];
        foreach (var option in options)
        {
            if (Math.Pow(1.0 / option.Bands, 1.0 / option.Rows) <= threshold - 0.15)
            {
                return option;
            }
        }

        return (48, 1);
    }

    /// <summary>For each signature, the smallest index in its group (so a group is named by its first member).</summary>
    public static int[] Group(IReadOnlyList<uint[]> signatures, double threshold)
    {
        // Positions as ids in ordinal order: the same grouping collation does, with nothing kept.
        var ids = Enumerable.Range(0, signatures.Count).Select(i => i.ToString("D10", CultureInfo.InvariantCulture)).ToArray();
        var answers = signatures.Select(s => new AnswerContribution(0, [], [], s, 0, SignatureHash(s), null, [])).ToArray();
        return NearDuplicateIndex.Group(ids, answers, threshold, previous: null).GroupOf;
    }

    /// <summary>A 64-bit hash of a whole signature, never 0; 0 for an answer without words (nothing to compare).</summary>
    public static ulong SignatureHash(uint[] signature)
    {
        if (signature[0] == uint.MaxValue)
        {
            return 0;
        }

        var h = 14695981039346656037UL;
        foreach (var v in signature)
        {
            h = Mix(h ^ v);
        }

        return h == 0 ? 1 : h;
    }

    /// <summary>One LSH band's key: a hash of its <paramref name="rows"/> minima; equal keys make a candidate pair.</summary>
    internal static uint BandHash(uint[] signature, int band, int rows)
    {
        ulong h = 14695981039346656037UL ^ (ulong)band;
        for (var r = 0; r < rows; r++)
        {
            h = Mix(h ^ signature[(band * rows) + r]);
        }

        return (uint)(h >> 32);
    }

    /// <summary>The paragraph that tells readers how campaign figures were produced.</summary>
    public static string MethodStatement(double threshold, int minimumSubmissions, int freeTextAnswers, int inGroups, int groups, int distinctTexts, int distinctRespondents)
    {
        var (bands, rows) = Banding(threshold);
        var share = freeTextAnswers == 0 ? 0 : 100.0 * inGroups / freeTextAnswers;
        return string.Create(CultureInfo.GetCultureInfo("en-GB"),
            $"Free-text answers to each question were compared as sets of overlapping {ShingleWords}-word sequences (shingles), " +
            $"ignoring case and punctuation. Similarity was estimated with MinHash ({SignatureLength} hash functions) and candidate pairs " +
            $"found by locality-sensitive hashing ({bands} bands of {rows}); answers whose estimated Jaccard similarity was at least " +
            $"{threshold:0.00} were grouped, and groups of {minimumSubmissions} or more submissions are reported as campaigns. " +
            $"Of {freeTextAnswers:N0} free-text answers, {inGroups:N0} ({share:0.0}%) fell into {groups:N0} such groups, containing " +
            $"{distinctTexts:N0} distinct texts from {distinctRespondents:N0} distinct respondents. Responses officers marked as duplicate, " +
            $"spam or withdrawn were left out before comparison; campaign responses are counted in their own column of every tally.");
    }

    internal static ulong Fnv(ulong h, string s)
    {
        foreach (var ch in s)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>SplitMix64's finaliser: a fast, well-spread 64-bit mix.</summary>
    internal static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] CreateSeeds(ulong state)
    {
        var seeds = new ulong[SignatureLength];
        for (var i = 0; i < seeds.Length; i++)
        {
            state = Mix(state);
            seeds[i] = state;
        }

        return seeds;
    }
}
