using System.Runtime.InteropServices;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// One question's near-duplicate grouping, kept between collation runs (docs/adr/0142). It holds, in packed
/// arrays, every representative answer's band key and position per LSH band, sorted, and every bucket's passing pairs,
/// so an incremental run compares only in the buckets a new, changed or removed answer touches. A bucket whose members
/// are all unchanged has the same members in the same order, so its pairs (and so the groups) are exactly those a
/// full run finds. A touched bucket keeps its pairs between unchanged members and compares only its new members when
/// the pairing rule (<see cref="JoinBucket"/>: every pair up to 8 members, else each against the first 4) pairs
/// the unchanged ones as before; when a new answer with a smaller response id or a departed one changes the bucket's
/// anchors, or the bucket crosses 8 members, it is compared again whole.
/// </summary>
internal sealed class NearDuplicateIndex
{
    private readonly string[] ids;
    private readonly AnswerContribution[] answers;
    private readonly bool[] representative;
    private readonly ulong[][] keys;
    private readonly BucketPair[][] pairs;
    private readonly double threshold;

    private NearDuplicateIndex(string[] ids, AnswerContribution[] answers, bool[] representative, ulong[][] keys, BucketPair[][] pairs, double threshold, int comparedBuckets)
    {
        ComparedBuckets = comparedBuckets;
        this.ids = ids;
        this.answers = answers;
        this.representative = representative;
        this.keys = keys;
        this.pairs = pairs;
        this.threshold = threshold;
    }

    /// <summary>Answers at or above the threshold found in one bucket: <see cref="From"/> is one of its anchors.</summary>
    private readonly record struct BucketPair(uint Bucket, int From, int To);

    /// <summary>How many buckets the run that made this index compared (all of them in a full run, the touched ones after).</summary>
    public int ComparedBuckets { get; }

    /// <summary>
    /// Groups <paramref name="answers"/> (in response-id order, <paramref name="ids"/> their response ids): for each,
    /// the smallest position in its group. With <paramref name="previous"/> (the last run's index for the same
    /// question) only touched buckets are compared again; the result is the same either way (tested).
    /// </summary>
    public static (int[] GroupOf, NearDuplicateIndex Index) Group(string[] ids, AnswerContribution[] answers, double threshold, NearDuplicateIndex? previous)
    {
        if (previous is not null && !previous.threshold.Equals(threshold))
        {
            previous = null;
        }

        var n = answers.Length;

        // Which rows the previous index knew unchanged: same response id and the very same reduced answer (an
        // update re-reduces a response, so a changed one is a different object and counts as removed and added).
        var newOf = previous is null ? [] : new int[previous.ids.Length];
        var wasRepresentative = new bool[n];
        if (previous is not null)
        {
            Array.Fill(newOf, -1);
            int i = 0, j = 0;
            while (i < previous.ids.Length && j < n)
            {
                var c = string.CompareOrdinal(previous.ids[i], ids[j]);
                if (c < 0)
                {
                    i++;
                }
                else if (c > 0)
                {
                    j++;
                }
                else
                {
                    if (ReferenceEquals(previous.answers[i], answers[j]))
                    {
                        newOf[i] = j;
                        wasRepresentative[j] = previous.representative[i];
                    }

                    i++;
                    j++;
                }
            }
        }

        // Exact copies: identical signatures join their first occurrence, and only that one enters the bands.
        var copyOf = new int[n];
        var representative = new bool[n];
        var firstOf = new Dictionary<SignatureKey, int>(n);
        for (var j = 0; j < n; j++)
        {
            copyOf[j] = j;
            var answer = answers[j];
            if (answer.SignatureHash == 0)
            {
                continue; // No words: nothing to compare.
            }

            var key = new SignatureKey(answer.Signature!, answer.SignatureHash);
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(firstOf, key, out var exists);
            if (exists)
            {
                copyOf[j] = first;
            }
            else
            {
                first = j;
                representative[j] = true;
            }
        }

        var fresh = new List<int>();
        for (var j = 0; j < n; j++)
        {
            if (representative[j] && !wasRepresentative[j])
            {
                fresh.Add(j);
            }
        }

        var (bands, rows) = NearDuplicates.Banding(threshold);
        var needed = (int)Math.Ceiling((threshold * NearDuplicates.SignatureLength) - 1e-9);

        // The new representatives' band keys, all bands in one pass over their signatures, packed as
        // (32-bit band hash, position): sorting plain numbers puts a bucket's members together in ascending position.
        var m = fresh.Count;
        var freshKeys = new ulong[bands][];
        for (var band = 0; band < bands; band++)
        {
            freshKeys[band] = new ulong[m];
        }

        for (var k = 0; k < m; k++)
        {
            var signature = answers[fresh[k]].Signature!;
            for (var band = 0; band < bands; band++)
            {
                freshKeys[band][k] = ((ulong)NearDuplicates.BandHash(signature, band, rows) << 32) | (uint)fresh[k];
            }
        }

        var isFresh = new bool[n];
        foreach (var j in fresh)
        {
            isFresh[j] = true;
        }

        var newKeys = new ulong[bands][];
        var newPairs = new BucketPair[bands][];
        var members = new List<int>();
        var compared = 0;
        for (var band = 0; band < bands; band++)
        {
            var added = freshKeys[band];
            freshKeys[band] = [];
            added.AsSpan().Sort();
            if (previous is null)
            {
                // A full run: every bucket is new, nothing to merge.
                newKeys[band] = added;
                newPairs[band] = [.. Compare(added, answers, needed, members, ref compared)];
                continue;
            }

            // The previous keys still here, moved to their new positions (the order of positions does not change, so
            // neither does the keys' order); a bucket any of whose members left is touched.
            var old = previous.keys[band];
            var kept = new ulong[old.Length];
            var keptCount = 0;
            var touched = new HashSet<uint>();
            foreach (var key in old)
            {
                var j = newOf[(int)(uint)key];
                if (j >= 0 && representative[j])
                {
                    kept[keptCount++] = (key & 0xFFFFFFFF00000000UL) | (uint)j;
                }
                else
                {
                    touched.Add((uint)(key >> 32));
                }
            }

            foreach (var key in added)
            {
                touched.Add((uint)(key >> 32));
            }

            var merged = Merge(kept.AsSpan(0, keptCount), added);
            newKeys[band] = merged;

            // A touched bucket is extended (its kept pairs stay, only pairs with a new member are compared) when the
            // rule that picks its pairs gives the kept members the same pairs as before: every pair while it stays at
            // 8 or fewer, or the same 4 anchors while it stays above 8. Otherwise it is compared again whole.
            var extended = new HashSet<uint>();
            var bandPairs = new List<BucketPair>();
            foreach (var bucket in touched)
            {
                var before = BucketOf(old, bucket);
                var after = BucketOf(merged, bucket);
                if (after.Length < 2)
                {
                    continue;
                }

                compared++;
                members.Clear();
                foreach (var key in after)
                {
                    members.Add((int)(uint)key);
                }

                // Extended: only pairs with a new member are compared; otherwise the bucket is compared again whole.
                var extend = SameRule(before, after, newOf);
                if (extend)
                {
                    extended.Add(bucket);
                }

                JoinBucket(bucket, CollectionsMarshal.AsSpan(members), answers, needed, bandPairs, extend ? isFresh : null);
            }

            foreach (var pair in previous.pairs[band])
            {
                if (!touched.Contains(pair.Bucket))
                {
                    bandPairs.Add(pair with { From = newOf[pair.From], To = newOf[pair.To] });
                }
                else if (extended.Contains(pair.Bucket))
                {
                    var (from, to) = (newOf[pair.From], newOf[pair.To]);
                    if (from >= 0 && to >= 0 && representative[from] && representative[to])
                    {
                        bandPairs.Add(new BucketPair(pair.Bucket, from, to));
                    }
                }
            }

            newPairs[band] = [.. bandPairs];
        }

        var parent = new int[n];
        for (var j = 0; j < n; j++)
        {
            parent[j] = j;
        }

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
                // The smaller position becomes the root, so the result does not depend on the order of unions.
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }

        for (var j = 0; j < n; j++)
        {
            if (copyOf[j] != j)
            {
                Union(copyOf[j], j);
            }
        }

        foreach (var bandPairs in newPairs)
        {
            foreach (var pair in bandPairs)
            {
                Union(pair.From, pair.To);
            }
        }

        var groupOf = new int[n];
        for (var j = 0; j < n; j++)
        {
            groupOf[j] = Find(j);
        }

        return (groupOf, new NearDuplicateIndex(ids, answers, representative, newKeys, newPairs, threshold, compared));
    }

    /// <summary>Two sorted runs of packed keys (band hash, position) as one sorted array.</summary>
    private static ulong[] Merge(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var result = new ulong[a.Length + b.Length];
        int i = 0, j = 0, at = 0;
        while (i < a.Length && j < b.Length)
        {
            result[at++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        a[i..].CopyTo(result.AsSpan(at));
        b[j..].CopyTo(result.AsSpan(at + a.Length - i));
        return result;
    }

    /// <summary>One bucket's keys in sorted packed keys (empty when it has none).</summary>
    private static ReadOnlySpan<ulong> BucketOf(ulong[] keys, uint bucket)
    {
        var first = (ulong)bucket << 32;
        int low = 0, high = keys.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (keys[middle] < first)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var end = low;
        while (end < keys.Length && (uint)(keys[end] >> 32) == bucket)
        {
            end++;
        }

        return keys.AsSpan(low, end - low);
    }

    /// <summary>
    /// Whether the pairs <see cref="JoinBucket"/> gives a bucket's kept members are the pairs it gave them before:
    /// all pairs before and after (8 or fewer members both times), or more than 8 both times with the same first 4
    /// members (the anchors), none of them gone.
    /// </summary>
    private static bool SameRule(ReadOnlySpan<ulong> before, ReadOnlySpan<ulong> after, int[] newOf)
    {
        if (before.Length <= 8 && after.Length <= 8)
        {
            return true;
        }

        if (before.Length <= 8 || after.Length <= 8)
        {
            return false;
        }

        for (var a = 0; a < 4; a++)
        {
            if (newOf[(int)(uint)before[a]] != (int)(uint)after[a])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The passing pairs of every bucket of two or more in <paramref name="keys"/> (one band, sorted packed keys).</summary>
    private static List<BucketPair> Compare(ulong[] keys, AnswerContribution[] answers, int needed, List<int> members, ref int compared)
    {
        var pairs = new List<BucketPair>();
        var start = 0;
        while (start < keys.Length)
        {
            var bucket = (uint)(keys[start] >> 32);
            var end = start + 1;
            while (end < keys.Length && (uint)(keys[end] >> 32) == bucket)
            {
                end++;
            }

            if (end - start >= 2)
            {
                compared++;
                members.Clear();
                for (var k = start; k < end; k++)
                {
                    members.Add((int)(uint)keys[k]);
                }

                JoinBucket(bucket, CollectionsMarshal.AsSpan(members), answers, needed, pairs);
            }

            start = end;
        }

        return pairs;
    }

    /// <summary>
    /// Small buckets: every pair. Large ones (a big campaign's variants): each against the first 4, which keeps the work
    /// linear while still joining a group through its members. Every passing pair is kept, not only those that join two
    /// groups so far, because a later run may remove the path that made a pair redundant. Given <paramref name="onlyWith"/>
    /// (an extended bucket, whose other pairs are kept from the last run), only pairs with a member it marks are compared.
    /// </summary>
    private static void JoinBucket(uint bucket, ReadOnlySpan<int> members, AnswerContribution[] answers, int needed, List<BucketPair> pairs, bool[]? onlyWith = null)
    {
        // Member by member against the anchors before it: each member's signature is fetched once (a large bucket's
        // members are scattered over the heap), the anchors' stay in cache. The pairs are those of anchor by anchor.
        var anchors = members.Length <= 8 ? members.Length : 4;
        for (var b = 1; b < members.Length; b++)
        {
            var signature = answers[members[b]].Signature!;
            var memberMarked = onlyWith is null || onlyWith[members[b]];
            for (var a = 0; a < Math.Min(anchors, b); a++)
            {
                if ((memberMarked || onlyWith![members[a]]) && NearDuplicates.AtLeast(answers[members[a]].Signature!, signature, needed))
                {
                    pairs.Add(new BucketPair(bucket, members[a], members[b]));
                }
            }
        }
    }

    private readonly struct SignatureKey(uint[] values, ulong hash) : IEquatable<SignatureKey>
    {
        private readonly uint[] values = values;
        private readonly ulong hash = hash;

        public bool Equals(SignatureKey other) => hash == other.hash && values.AsSpan().SequenceEqual(other.values);

        public override bool Equals(object? obj) => obj is SignatureKey other && Equals(other);

        public override int GetHashCode() => (int)hash ^ (int)(hash >> 32);
    }
}
