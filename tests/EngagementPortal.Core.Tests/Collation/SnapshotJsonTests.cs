using System.Text.Json;
using EngagementPortal.Core.Collation;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Collation;

public sealed class SnapshotJsonTests
{
    [Fact]
    public async Task StoredSnapshot_ReadBack_HasTheSameContentAndHash()
    {
        var outcome = await new Collator(new FakeTimeProvider(CollationFixtures.Start)).CollateAsync(CollationFixtures.Definition("York", "Hull"), CollationFixtures.Options(), CollationFixtures.Varied(200));

        var json = SnapshotJson.Serialize(outcome.Snapshot);
        var read = SnapshotJson.Deserialize(json);

        Assert.Equal(outcome.Snapshot.ContentHash, read.ContentHash);
        Assert.Equal(outcome.Snapshot.ContentHash, Collator.Hash(read.Content));
        Assert.Equal(outcome.Snapshot.TakenAt, read.TakenAt);
        Assert.Equal(json, SnapshotJson.Serialize(read));
    }

    [Theory]
    [InlineData(1 << 20)] // the size the collator uses: one chunk here
    [InlineData(4096)]
    [InlineData(1000)] // chunks that end anywhere, mid-name or mid-escape
    [InlineData(7)]
    public async Task StoredSnapshot_FromTheContentWrittenForTheHash_IsTheSameStringAsSerialisingAgain(int chunkBytes)
    {
        var outcome = await new Collator(new FakeTimeProvider(CollationFixtures.Start)).CollateAsync(CollationFixtures.Definition("York", "Hull"), CollationFixtures.Options(), CollationFixtures.Varied(300));
        var written = SnapshotJson.WriteContent(outcome.Snapshot.Content, chunkBytes);

        var composed = SnapshotJson.Serialize(outcome.Snapshot, written);

        Assert.Equal(outcome.Snapshot.ContentHash, written.Hash);
        Assert.Equal(outcome.ContentJson!.Hash, written.Hash);
        Assert.Equal(SnapshotJson.Serialize(outcome.Snapshot), composed);
        Assert.Equal(JsonSerializer.Serialize(outcome.Snapshot), composed);
    }

    [Fact]
    public async Task StoredSnapshot_FromAnotherSnapshotsContent_IsRefused()
    {
        var collator = new Collator(new FakeTimeProvider(CollationFixtures.Start));
        var one = await collator.CollateAsync(CollationFixtures.Definition("York", "Hull"), CollationFixtures.Options(), CollationFixtures.Varied(20));
        var other = await collator.CollateAsync(CollationFixtures.Definition("York", "Hull"), CollationFixtures.Options(), CollationFixtures.Varied(30));

        Assert.Throws<ArgumentException>(() => SnapshotJson.Serialize(one.Snapshot, other.ContentJson!));
    }

    [Fact]
    public async Task StoredSnapshot_WrittenWithCamelCaseNamesBeforeTheChange_ReadsAlike()
    {
        var outcome = await new Collator(new FakeTimeProvider(CollationFixtures.Start)).CollateAsync(CollationFixtures.Definition("York", "Hull"), CollationFixtures.Options(), CollationFixtures.Varied(200));
        var stored = JsonSerializer.Serialize(outcome.Snapshot, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var read = SnapshotJson.Deserialize(stored);

        Assert.Contains("\"contentHash\":", stored, StringComparison.Ordinal);
        Assert.Equal(outcome.Snapshot.ContentHash, Collator.Hash(read.Content));
        Assert.Equal(SnapshotJson.Serialize(outcome.Snapshot), SnapshotJson.Serialize(read));
    }
}
