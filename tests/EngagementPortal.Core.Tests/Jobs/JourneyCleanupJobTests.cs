using EngagementPortal.Core.Jobs;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Jobs;

public sealed class JourneyCleanupJobTests
{
    [Fact]
    public async Task Run_RegisteredCleanups_EachAskedWithNowAndCounted()
    {
        var time = new FakeTimeProvider();
        var links = new ExpiringStore("save-and-return links", [time.GetUtcNow().UtcDateTime.AddMinutes(-1), time.GetUtcNow().UtcDateTime.AddMinutes(1)]);
        var job = new JourneyCleanupJob([links], time);

        var outcome = await job.RunAsync(NoProgress.Instance, CancellationToken.None);

        Assert.Equal("save-and-return links: 1 removed.", outcome.Summary);
        Assert.Single(links.Expiries);
    }

    [Fact]
    public async Task Run_NothingRegistered_SaysSo()
    {
        var outcome = await new JourneyCleanupJob([], new FakeTimeProvider()).RunAsync(NoProgress.Instance, CancellationToken.None);

        Assert.Equal("Nothing registered to clean up.", outcome.Summary);
    }

    /// <summary>The journey issue's seam as a test sets it: things that expire at given instants.</summary>
    private sealed class ExpiringStore(string name, List<DateTime> expiries) : IJourneyCleanup
    {
        public List<DateTime> Expiries => expiries;

        public string Name => name;

        public Task<int> RemoveExpiredAsync(DateTime nowUtc, CancellationToken cancellationToken) =>
            Task.FromResult(expiries.RemoveAll(e => e <= nowUtc));
    }
}
