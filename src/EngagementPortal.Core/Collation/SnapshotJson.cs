using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// How a snapshot is stored in <see cref="CollationRun.SnapshotJson"/> and written by the command line: System.Text.Json's
/// default options, the same bytes <see cref="Collator.Hash"/> reads for the content. Reading it back gives the same
/// content, so its hash can be checked again. Runs stored before 2026-11-23 wrote camelCase names; reading is
/// case-insensitive, so both read alike (docs/adr/0151).
/// </summary>
public static class SnapshotJson
{
    private static readonly JsonSerializerOptions Reading = new(JsonSerializerDefaults.Web);

    /// <summary>Chunks of the written content: large enough to stay few, small enough that none is copied to grow.</summary>
    private const int ChunkBytes = 1 << 20;

    public static string Serialize(CollationSnapshot snapshot) => JsonSerializer.Serialize(snapshot);

    /// <summary>
    /// The same string as <see cref="Serialize(CollationSnapshot)"/>, with the content taken from <paramref name="content"/>
    /// (written once by <see cref="WriteContent"/> while it was hashed) instead of serialised a second time: at 100,000
    /// responses that second pass was 0.2-0.45 s of CPU per run, after the build, on one core.
    /// </summary>
    public static string Serialize(CollationSnapshot snapshot, ContentJson content)
    {
        if (!string.Equals(content.Hash, snapshot.ContentHash, StringComparison.Ordinal))
        {
            throw new ArgumentException("The written content is not this snapshot's: its hash differs.", nameof(content));
        }

        // The envelope as the serialiser writes a CollationSnapshot: its three properties in declaration order.
        var head = Encoding.UTF8.GetBytes(string.Concat(
            "{\"", nameof(CollationSnapshot.TakenAt), "\":", JsonSerializer.Serialize(snapshot.TakenAt),
            ",\"", nameof(CollationSnapshot.ContentHash), "\":", JsonSerializer.Serialize(snapshot.ContentHash),
            ",\"", nameof(CollationSnapshot.Content), "\":"));
        ReadOnlyMemory<byte>[] parts = [head, .. content.Chunks, "}"u8.ToArray()];

        var decoder = Encoding.UTF8.GetDecoder();
        var length = 0L;
        for (var i = 0; i < parts.Length; i++)
        {
            length += decoder.GetCharCount(parts[i].Span, flush: i == parts.Length - 1);
        }

        decoder.Reset();
        return string.Create(checked((int)length), (parts, decoder), static (chars, state) =>
        {
            var (parts, decoder) = state;
            for (var i = 0; i < parts.Length; i++)
            {
                var written = decoder.GetChars(parts[i].Span, chars, flush: i == parts.Length - 1);
                chars = chars[written..];
            }
        });
    }

    public static CollationSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<CollationSnapshot>(json, Reading) ?? throw new JsonException("The stored snapshot is empty.");

    /// <summary>Serialises <paramref name="content"/> once: its hash (<see cref="Collator.Hash"/>'s) and its bytes, kept
    /// for <see cref="Serialize(CollationSnapshot, ContentJson)"/>.</summary>
    public static ContentJson WriteContent(CollationContent content) => WriteContent(content, ChunkBytes);

    /// <summary><see cref="WriteContent(CollationContent)"/> in chunks of <paramref name="chunkBytes"/> (tests split small contents).</summary>
    internal static ContentJson WriteContent(CollationContent content, int chunkBytes)
    {
        using var writing = new ChunkedHashingStream(chunkBytes);
        JsonSerializer.Serialize(writing, content);
        return writing.Finish();
    }

    /// <summary>The content's hash alone (<see cref="Collator.Hash"/>): the JSON is hashed as it is written, never held.</summary>
    internal static string Hash(CollationContent content)
    {
        using var hashing = new ChunkedHashingStream(chunkBytes: 0);
        JsonSerializer.Serialize(hashing, content);
        return hashing.Finish().Hash;
    }

    /// <summary>A content's JSON as written for its hash: UTF-8, in chunks.</summary>
    public sealed class ContentJson
    {
        internal ContentJson(IReadOnlyList<ReadOnlyMemory<byte>> chunks, string hash) => (Chunks, Hash) = (chunks, hash);

        internal IReadOnlyList<ReadOnlyMemory<byte>> Chunks { get; }

        /// <summary>SHA-256 of the bytes, lower-case hex: what <see cref="Collator.Hash"/> gives for the content.</summary>
        public string Hash { get; }
    }

    /// <summary>A write-only stream that feeds SHA-256 and keeps what it is given in chunks of <c>chunkBytes</c> (nothing
    /// when that is 0).</summary>
    private sealed class ChunkedHashingStream(int chunkBytes) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly List<byte[]> chunks = [];
        private int used;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public ContentJson Finish()
        {
            var kept = chunks.Select((c, i) => new ReadOnlyMemory<byte>(c, 0, i == chunks.Count - 1 ? used : c.Length)).ToList();
            return new ContentJson(kept, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            while (chunkBytes > 0 && !buffer.IsEmpty)
            {
                if (chunks.Count == 0 || used == chunkBytes)
                {
                    chunks.Add(new byte[chunkBytes]);
                    used = 0;
                }

                var take = Math.Min(buffer.Length, chunkBytes - used);
                buffer[..take].CopyTo(chunks[^1].AsSpan(used));
                used += take;
                buffer = buffer[take..];
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
