using EngagementPortal.Core.Jobs;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Jobs;

public sealed class ConsultationMilestonesJobTests : IDisposable
{
    private readonly JobRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private async Task<string> RunAsync()
    {
        await using var db = _rig.Database.CreateContext();
        var job = new ConsultationMilestonesJob(db, _rig.Notices(db), new SentNotices(db, _rig.Time), Options.Create(new JobsOptions()), _rig.Time);
        return (await job.RunAsync(NoProgress.Instance, CancellationToken.None)).Summary;
    }

    [Fact]
    public async Task Run_EachMilestoneAsItPasses_OfficersToldOnceEach()
    {
        await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59), JobRig.Uk(2020, 12, 18, 17));

        _rig.Time.SetUtcNow(JobRig.Uk(2020, 11, 26, 8, 59));
        await RunAsync();
        Assert.Empty(await _rig.OutboxAsync());

        _rig.Time.SetUtcNow(JobRig.Uk(2020, 11, 26, 9, 1));
        Assert.Equal("Announced 1 milestone(s).", await RunAsync());
        Assert.Equal("Announced 0 milestone(s).", await RunAsync());
        var opened = await _rig.OutboxAsync();
        Assert.Equal(["engagement.team@example.nhs.uk", "lead.officer@example.nhs.uk"], opened.Select(m => m.To));
        Assert.All(opened, m => Assert.StartsWith("Consultation opened: Integrating care", m.Subject, StringComparison.Ordinal));
        Assert.All(opened, m => Assert.Equal("officer-milestone", m.Kind));

        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 18, 17, 1));
        await RunAsync();
        _rig.Time.SetUtcNow(JobRig.Uk(2021, 1, 9, 0, 0));
        await RunAsync();
        await RunAsync();

        var subjects = (await _rig.OutboxAsync()).Select(m => m.Subject.Split(':')[0]).ToList();
        Assert.Equal(["Consultation opened", "Consultation opened", "Partnership deadline reached", "Partnership deadline reached", "Consultation closed", "Consultation closed"], subjects);
        Assert.Equal(3, (await _rig.NoticeKeysAsync()).Count);
        Assert.Contains("11:59pm on Friday 8 January 2021", (await _rig.OutboxAsync()).Last().TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MilestoneOlderThanTheLookback_NotAnnounced()
    {
        await _rig.PublishAsync("old", JobRig.Uk(2020, 9, 1, 9), JobRig.Uk(2020, 10, 1, 17));
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 11, 26, 9));

        Assert.Equal("Announced 0 milestone(s).", await RunAsync());
        Assert.Empty(await _rig.NoticeKeysAsync());
    }

    [Fact]
    public async Task Run_TwoNodesAtOnce_EachMilestoneOnce()
    {
        await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59));
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 11, 26, 9, 30));

        await Task.WhenAll(Task.Run(RunAsync), Task.Run(RunAsync), Task.Run(RunAsync));

        Assert.Equal(2, (await _rig.OutboxAsync()).Count);
        Assert.Single(await _rig.NoticeKeysAsync());
    }
}
