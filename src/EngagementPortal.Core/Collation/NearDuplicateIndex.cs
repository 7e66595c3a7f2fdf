using System.Runtime.InteropServices;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// One question's near-duplicate grouping, kept between collation runs (docs/adr/0142). It holds, in packed
/// arrays, every representative answer's position per LSH band sorted by band key, and every bucket's passing pairs, so an
/// incremental run recomputes only the buckets a new, changed or removed answer touches. A bucket whose members
/// are all unchanged has the same members in the same order, so its pairs (and so the groups) are exactly those a
/// full run finds; a touched bucket is recomputed whole, because a new answer with a smaller response id changes
/// the bucket's anchors (<see cref="NearDuplicates"/>: the first 4 members of a bucket of more than 8).
/// </summary>
internal sealed class NearDuplicateIndex
{
    private readonly string[] ids;
    private readonly AnswerContribution[] answers;
    private readonly bool[] representative;
    private readonly int[][] keys;
    private readonly BucketPair[][] pairs;
    private readonly double threshold;

    private NearDuplicateIndex(string[] ids, AnswerContribution[] answers, bool[] representative, int[][] keys, BucketPair[][] pairs, double threshold, int comparedBuckets)
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

        var newKeys = new int[bands][];
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
                // A full run: every bucket is new, nothing to merge. Only positions are kept (half the memory); a band
                // hash is recomputed from the signature when an update needs it.
                newKeys[band] = [.. added.Select(key => (int)(uint)key)];
                newPairs[band] = [.. Compare(added, answers, needed, members, ref compared)];
                continue;
            }

            var bandOf = band;
            Func<int, uint> hashOf = position => NearDuplicates.BandHash(answers[position].Signature!, bandOf, rows);

            // Buckets an answer left or joined; every other bucket keeps its members, their order and so its pairs.
            var touched = new HashSet<uint>();
            foreach (var key in added)
            {
                touched.Add((uint)(key >> 32));
            }

            var kept = new List<int>(previous.keys[band].Length);
            foreach (var old in previous.keys[band])
            {
                var j = newOf[old];
                if (j >= 0 && representative[j])
                {
                    kept.Add(j);
                }
                else
                {
                    touched.Add(NearDuplicates.BandHash(previous.answers[old].Signature!, band, rows));
                }
            }

            // Merge the new keys into the kept order (band hash, then position), finding each one's place by binary search.
            var merged = new int[kept.Count + added.Length];
            var from = 0;
            var at = 0;
            foreach (var key in added)
            {
                var place = LowerBound(kept, from, key, hashOf);
                for (var k = from; k < place; k++)
                {
                    merged[at++] = kept[k];
                }

                merged[at++] = (int)(uint)key;
                from = place;
            }

            for (var k = from; k < kept.Count; k++)
            {
                merged[at++] = kept[k];
            }

            newKeys[band] = merged;

            var bandPairs = new List<BucketPair>();
            foreach (var pair in previous.pairs[band])
            {
                if (!touched.Contains(pair.Bucket))
                {
                    bandPairs.Add(pair with { From = newOf[pair.From], To = newOf[pair.To] });
                }
            }

            foreach (var bucket in touched)
            {
                members.Clear();
                for (var k = LowerBound(merged, 0, (ulong)bucket << 32, hashOf); k < merged.Length && hashOf(merged[k]) == bucket; k++)
                {
                    members.Add(merged[k]);
                }

                if (members.Count >= 2)
                {
                    compared++;
                    JoinBucket(bucket, CollectionsMarshal.AsSpan(members), answers, needed, bandPairs);
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

    /// <summary>The first place in <paramref name="positions"/> (sorted by band hash, then position) from <paramref name="from"/> on whose (hash, position) is not below <paramref name="key"/>.</summary>
    private static int LowerBound(IReadOnlyList<int> positions, int from, ulong key, Func<int, uint> hashOf)
    {
        int low = from, high = positions.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var probe = ((ulong)hashOf(positions[middle]) << 32) | (uint)positions[middle];
            if (probe < key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
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
    /// groups so far, because a later run may remove the path that made a pair redundant.
    /// </summary>
    private static void JoinBucket(uint bucket, ReadOnlySpan<int> members, AnswerContribution[] answers, int needed, List<BucketPair> pairs)
    {
        var anchors = members.Length <= 8 ? members.Length : 4;
        for (var a = 0; a < anchors; a++)
        {
            var first = answers[members[a]].Signature!;
            for (var b = a + 1; b < members.Length; b++)
            {
                if (NearDuplicates.AtLeast(first, answers[members[b]].Signature!, needed))
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
