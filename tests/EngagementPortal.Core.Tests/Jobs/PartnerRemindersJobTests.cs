using EngagementPortal.Core.Jobs;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Jobs;

public sealed class PartnerRemindersJobTests : IDisposable
{
    private readonly JobRig _rig = new();
    private readonly OutstandingPartners _partners = new();

    public void Dispose() => _rig.Dispose();

    private async Task<string> RunAsync()
    {
        await using var db = _rig.Database.CreateContext();
        var job = new PartnerRemindersJob(db, _partners, new Core.Email.EmailOutbox(db, _rig.Time), new SentNotices(db, _rig.Time), Options.Create(_rig.Email), _rig.Time);
        return (await job.RunAsync(NoProgress.Instance, CancellationToken.None)).Summary;
    }

    [Fact]
    public async Task Run_PartnerAddressInvalid_NotRemindedUntilCorrected()
    {
        var id = await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59), JobRig.Uk(2020, 12, 18, 17));
        _partners.Outstanding[id] = [new("york-ccg", "NHS Vale of York CCG", "engagement at valeofyorkccg"), new("hull-council", "Hull City Council", "consultations@hullcc.example.gov.uk")];
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 11, 9, 0));

        Assert.Equal("Sent 1 reminder(s).", await RunAsync());

        _partners.Outstanding[id] = [new("york-ccg", "NHS Vale of York CCG", "engagement@valeofyorkccg.example.nhs.uk"), _partners.Outstanding[id][1]];
        Assert.Equal("Sent 1 reminder(s).", await RunAsync());
        Assert.Equal(["consultations@hullcc.example.gov.uk", "engagement@valeofyorkccg.example.nhs.uk"], (await _rig.OutboxAsync()).Select(m => m.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Schedule_WinterDeadline_NineAmUkSevenAndTwoDaysBeforeAndOnTheDay()
    {
        var schedule = PartnerRemindersJob.Schedule(JobRig.Uk(2020, 12, 18, 17));

        Assert.Equal(
            [(ReminderMilestone.SevenDays, new DateTime(2020, 12, 11, 9, 0, 0)), (ReminderMilestone.TwoDays, new DateTime(2020, 12, 16, 9, 0, 0)), (ReminderMilestone.DeadlineDay, new DateTime(2020, 12, 18, 9, 0, 0))],
            schedule.Select(s => (s.Milestone, DateTime.SpecifyKind(s.AtUtc, DateTimeKind.Unspecified))));
    }

    [Fact]
    public void Schedule_AcrossTheClocksGoingForward_NineAmOnTheUkClockEachTime()
    {
        // British Summer Time began on 28 March 2021: 9am is 09:00 UTC before it and 08:00 UTC after.
        var schedule = PartnerRemindersJob.Schedule(JobRig.Uk(2021, 4, 2, 17));

        Assert.Equal([new DateTime(2021, 3, 26, 9, 0, 0), new DateTime(2021, 3, 31, 8, 0, 0), new DateTime(2021, 4, 2, 8, 0, 0)], schedule.Select(s => DateTime.SpecifyKind(s.AtUtc, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void Schedule_DeadlineBeforeNineOnTheDay_NoReminderOnTheDay()
    {
        var schedule = PartnerRemindersJob.Schedule(JobRig.Uk(2021, 1, 8, 0, 0));

        Assert.Equal([ReminderMilestone.SevenDays, ReminderMilestone.TwoDays], schedule.Select(s => s.Milestone));
    }

    [Fact]
    public async Task Run_ThroughToTheDeadline_EachOutstandingPartnerRemindedOncePerMilestone()
    {
        var id = await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59), JobRig.Uk(2020, 12, 18, 17));
        _partners.Outstanding[id] = [new("york-ccg", "NHS Vale of York CCG", "engagement@valeofyorkccg.example.nhs.uk"), new("hull-council", "Hull City Council", "consultations@hullcc.example.gov.uk")];

        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 11, 8, 59));
        Assert.Equal("Sent 0 reminder(s).", await RunAsync());

        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 11, 9, 0));
        Assert.Equal("Sent 2 reminder(s).", await RunAsync());
        Assert.Equal("Sent 0 reminder(s).", await RunAsync());

        // Hull submits; only York is reminded two days before and on the day.
        _partners.Outstanding[id] = [_partners.Outstanding[id][0]];
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 16, 9, 5));
        Assert.Equal("Sent 1 reminder(s).", await RunAsync());
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 18, 9, 0));
        Assert.Equal("Sent 1 reminder(s).", await RunAsync());
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 18, 16, 59));
        Assert.Equal("Sent 0 reminder(s).", await RunAsync());
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 18, 17, 0));
        Assert.Equal("Sent 0 reminder(s).", await RunAsync());

        var sent = await _rig.OutboxAsync();
        Assert.Equal(4, sent.Count);
        Assert.All(sent, m => Assert.Equal(("partner-reminder", (Guid?)id), (m.Kind, m.ConsultationId)));
        Assert.Equal(3, sent.Count(m => m.To == "engagement@valeofyorkccg.example.nhs.uk"));
        Assert.Contains("due in 7 days", sent[0].Subject, StringComparison.Ordinal);
        Assert.Contains("due today", sent[^1].Subject, StringComparison.Ordinal);
        Assert.Contains("5pm on Friday 18 December 2020", sent[^1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DownThroughTwoMilestones_OnlyTheLatestIsSent()
    {
        var id = await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59), JobRig.Uk(2020, 12, 18, 17));
        _partners.Outstanding[id] = [new("york-ccg", "NHS Vale of York CCG", "engagement@valeofyorkccg.example.nhs.uk")];

        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 17, 12, 0));
        Assert.Equal("Sent 1 reminder(s).", await RunAsync());

        var key = Assert.Single(await _rig.NoticeKeysAsync());
        Assert.Contains(":TwoDays:", key, StringComparison.Ordinal);
        Assert.Contains("due tomorrow", Assert.Single(await _rig.OutboxAsync()).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoPartnerRecipientsRegistered_NothingSent()
    {
        await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59), JobRig.Uk(2020, 12, 18, 17));
        _rig.Time.SetUtcNow(JobRig.Uk(2020, 12, 16, 9, 5));
        await using var db = _rig.Database.CreateContext();
        var job = new PartnerRemindersJob(db, new NoPartnerReminderRecipients(), new Core.Email.EmailOutbox(db, _rig.Time), new SentNotices(db, _rig.Time), Options.Create(_rig.Email), _rig.Time);

        Assert.Equal("Sent 0 reminder(s).", (await job.RunAsync(NoProgress.Instance, CancellationToken.None)).Summary);
        Assert.Empty(await _rig.OutboxAsync());
    }

    /// <summary>The partners issue's seam, as the test sets it: who has not submitted, per consultation.</summary>
    private sealed class OutstandingPartners : IPartnerReminderRecipients
    {
        public Dictionary<Guid, List<PartnerReminderRecipient>> Outstanding { get; } = [];

        public Task<IReadOnlyList<PartnerReminderRecipient>> OutstandingAsync(Guid consultationId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PartnerReminderRecipient>>(Outstanding.TryGetValue(consultationId, out var list) ? [.. list] : []);
    }
}
