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
}
