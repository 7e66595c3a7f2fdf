namespace EngagementPortal.Core.Collation.Themes;

/// <summary>
/// One answer's distinct term ids with their counts, packed into a single byte array: each term is a variable-length
/// number (the id shifted left once, the low bit set when the count is above 1), followed by the count only when it
/// is. Collation keeps 400,000 of these at 100,000 responses; as an <c>int[]</c> of ids and a <c>ushort[]</c> of counts
/// they took 6 bytes a term and two arrays an answer, packed about 2 (most ids are small, most counts 1) and one.
/// The terms keep the order they were packed in.
/// </summary>
public static class TermBag
{
    public static byte[] Pack(ReadOnlySpan<int> ids, ReadOnlySpan<ushort> counts)
    {
        if (ids.Length != counts.Length)
        {
            throw new ArgumentException("One count per id.", nameof(counts));
        }

        var length = 0;
        for (var k = 0; k < ids.Length; k++)
        {
            length += Size(Head(ids[k], counts[k])) + (counts[k] > 1 ? Size(counts[k]) : 0);
        }

        var bag = new byte[length];
        var at = 0;
        for (var k = 0; k < ids.Length; k++)
        {
            at = Write(bag, at, Head(ids[k], counts[k]));
            if (counts[k] > 1)
            {
                at = Write(bag, at, counts[k]);
            }
        }

        return bag;
    }

    public static Reader Read(byte[] bag) => new(bag);

    /// <summary>Reads a bag's terms in order, without allocating.</summary>
    public ref struct Reader(byte[] bag)
    {
        private readonly ReadOnlySpan<byte> data = bag;
        private int at;

        public bool Next(out int id, out int count)
        {
            if (at >= data.Length)
            {
                (id, count) = (0, 0);
                return false;
            }

            // Most terms are one byte (a small id counted once): read those without the loop.
            uint head = data[at];
            if (head < 0x80)
            {
                at++;
                id = (int)(head >> 1);
                count = 1;
                if ((head & 1) != 0)
                {
                    count = (int)ReadNumber();
                }

                return true;
            }

            head = ReadNumber();
            id = (int)(head >> 1);
            count = (head & 1) == 0 ? 1 : (int)ReadNumber();
            return true;
        }

        private uint ReadNumber()
        {
            uint value = 0;
            var shift = 0;
            while (true)
            {
                var b = data[at++];
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }

                shift += 7;
            }
        }
    }

    private static uint Head(int id, ushort count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfZero(count);
        return ((uint)id << 1) | (count > 1 ? 1u : 0u);
    }

    private static int Size(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int Write(byte[] bag, int at, uint value)
    {
        while (value >= 0x80)
        {
            bag[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bag[at++] = (byte)value;
        return at;
    }
}
