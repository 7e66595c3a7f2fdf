using System.Globalization;
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

    public static uint[] Signature(string text) => Signature(WordHashes(text));

    public static uint[] Signature(List<ulong> words)
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
            var h = 14695981039346656037UL;
            for (var w = s; w < Math.Min(words.Count, s + ShingleWords); w++)
            {
                h = Mix(h ^ words[w]);
            }

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

    /// <summary>A 64-bit hash of each lower-cased word (letters and digits), in order; punctuation and case are ignored.</summary>
    public static List<ulong> WordHashes(string text)
    {
        var result = new List<ulong>(text.Length / 5);
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

    // Small buckets: every pair. Large ones (a big campaign's variants): each against the first few, which
    // keeps the work linear while still joining a group through its members.
    private static void JoinBucket(ReadOnlySpan<int> bucket, IReadOnlyList<uint[]> signatures, int needed, Func<int, int> find, Action<int, int> union)
    {
        var anchors = bucket.Length <= 8 ? bucket.Length : 4;
        for (var a = 0; a < anchors; a++)
        {
            for (var b = a + 1; b < bucket.Length; b++)
            {
                if (find(bucket[a]) != find(bucket[b]) && AtLeast(signatures[bucket[a]], signatures[bucket[b]], needed))
                {
                    union(bucket[a], bucket[b]);
                }
            }
        }
    }

    /// <summary>Whether at least <paramref name="needed"/> minima agree; stops as soon as that can no longer happen.</summary>
    private static bool AtLeast(uint[] a, uint[] b, int needed)
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
        var n = signatures.Count;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        void Union(int a, int b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra != rb)
            {
                // The smaller index becomes the root, so the result does not depend on the order of unions.
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }

        // Exact copies first: identical signatures join at once, and only one of them enters the bands.
        var firstOf = new Dictionary<SignatureKey, int>();
        var distinct = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (signatures[i][0] == uint.MaxValue)
            {
                continue; // No words: nothing to compare.
            }

            var key = new SignatureKey(signatures[i]);
            if (firstOf.TryGetValue(key, out var first))
            {
                Union(first, i);
            }
            else
            {
                firstOf[key] = i;
                distinct.Add(i);
            }
        }

        var (bands, rows) = Banding(threshold);
        var needed = (int)Math.Ceiling((threshold * SignatureLength) - 1e-9);

        // Every band's key for every answer in one pass over the signatures (each read once, in order), each
        // packed as (32-bit band hash, position): one sort of plain numbers per band puts a bucket's members
        // together in ascending position, so grouping never depends on the sort. Two texts whose band hashes
        // collide only become a candidate pair; the MinHash comparison still decides.
        var m = distinct.Count;
        var packed = new ulong[bands * m];
        for (var k = 0; k < m; k++)
        {
            var signature = signatures[distinct[k]];
            for (var band = 0; band < bands; band++)
            {
                ulong h = 14695981039346656037UL ^ (ulong)band;
                for (var r = 0; r < rows; r++)
                {
                    h = Mix(h ^ signature[(band * rows) + r]);
                }

                packed[(band * m) + k] = (h & 0xFFFFFFFF00000000UL) | (uint)distinct[k];
            }
        }

        var bucket = new List<int>();
        for (var band = 0; band < bands; band++)
        {
            var keys = packed.AsSpan(band * m, m);
            keys.Sort();
            var start = 0;
            while (start < keys.Length)
            {
                var key = keys[start] >> 32;
                var end = start + 1;
                while (end < keys.Length && keys[end] >> 32 == key)
                {
                    end++;
                }

                if (end - start >= 2)
                {
                    bucket.Clear();
                    for (var j = start; j < end; j++)
                    {
                        bucket.Add((int)(uint)keys[j]);
                    }

                    JoinBucket(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bucket), signatures, needed, Find, Union);
                }

                start = end;
            }
        }

        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = Find(i);
        }

        return result;
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

    private readonly struct SignatureKey(uint[] values) : IEquatable<SignatureKey>
    {
        private readonly uint[] values = values;

        public bool Equals(SignatureKey other) => values.AsSpan().SequenceEqual(other.values);

        public override bool Equals(object? obj) => obj is SignatureKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var v in values)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
