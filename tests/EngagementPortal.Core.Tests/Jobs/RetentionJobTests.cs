using EngagementPortal.Core.Email;
using EngagementPortal.Core.Jobs;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Jobs;

public sealed class RetentionJobTests : IDisposable
{
    private readonly JobRig _rig = new();
    private readonly ErasureLog _log = new();

    public void Dispose() => _rig.Dispose();

    private async Task<string> RunAsync()
    {
        await using var db = _rig.Database.CreateContext();
        var job = new RetentionJob(db, [new OutboxPersonalData(db), _log], _rig.Notices(db), new SentNotices(db, _rig.Time), Options.Create(new RetentionOptions { MonthsAfterClose = 12, WarningDays = 14 }), _rig.Time);
        return (await job.RunAsync(NoProgress.Instance, CancellationToken.None)).Summary;
    }

    private async Task<Guid> EnqueueAsync(string kind, string to, Guid? consultationId)
    {
        await using var db = _rig.Database.CreateContext();
        var message = new EmailOutbox(db, _rig.Time).Enqueue(kind, to, "Your response: ICS-7Q4K", "Your answers: I agree. Postcode HU1 2AA.", "<p>Your answers</p>", "ICS-7Q4K", consultationId).Message!;
        await db.SaveChangesAsync();
        return message.Id;
    }

    [Fact]
    public async Task Run_TwelveMonthsAfterClose_OfficersWarnedThenOnlyThatConsultationsRespondentDataErased()
    {
        var old = await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59));
        var recent = await _rig.PublishAsync("urgent-care", JobRig.Uk(2021, 10, 1, 9), JobRig.Uk(2021, 12, 1, 17), title: "Urgent care in Hull");
        _rig.Time.SetUtcNow(JobRig.Uk(2021, 1, 9, 10));
        var receipt = await EnqueueAsync("response-receipt", "resident@example.org", old);
        var saveAndReturn = await EnqueueAsync("save-and-return", "other.resident@example.org", old);
        var officerAboutOld = await EnqueueAsync("officer-milestone", "lead.officer@example.nhs.uk", old);
        var receiptForRecent = await EnqueueAsync("response-receipt", "resident@example.org", recent);
        var unrelated = await EnqueueAsync("officer-delivery-failing", "lead.officer@example.nhs.uk", null);
        await using (var db = _rig.Database.CreateContext())
        {
            await db.OutboxMessagesSetSentAsync(receipt, receiptForRecent, officerAboutOld, unrelated);
        }

        var before = (await _rig.OutboxAsync()).ToDictionary(m => m.Id);

        // Before the warning window (14 days before 11:59pm on 8 January 2022): nothing.
        _rig.Time.SetUtcNow(JobRig.Uk(2021, 12, 25, 23, 0));
        Assert.Equal("Warned officers about 0 consultation(s); erased 0 record(s) across 0 consultation(s).", await RunAsync());

        // In the window: officers are told, nothing is erased.
        _rig.Time.SetUtcNow(JobRig.Uk(2021, 12, 26, 9, 0));
        Assert.Equal("Warned officers about 1 consultation(s); erased 0 record(s) across 0 consultation(s).", await RunAsync());
        var warnings = (await _rig.OutboxAsync()).Where(m => m.Kind == "officer-retention").ToList();
        Assert.Equal(["engagement.team@example.nhs.uk", "lead.officer@example.nhs.uk"], warnings.Select(w => w.To).Order());
        // Told 9 hours into the window, so erasure waits the full 14 days from then: 9am on the 9th, not 11:59pm on the 8th.
        Assert.All(warnings, w => Assert.Contains("Sunday 9 January 2022", w.TextBody, StringComparison.Ordinal));
        Assert.Empty(_log.Erased);

        _rig.Time.SetUtcNow(JobRig.Uk(2022, 1, 9, 8, 59));
        await RunAsync();
        Assert.Empty(_log.Erased);

        _rig.Time.SetUtcNow(JobRig.Uk(2022, 1, 10, 2, 30));
        Assert.Equal("Warned officers about 0 consultation(s); erased 2 record(s) across 1 consultation(s).", await RunAsync());

        var after = (await _rig.OutboxAsync()).ToDictionary(m => m.Id);
        foreach (var erased in new[] { receipt, saveAndReturn })
        {
            Assert.Equal((OutboxPersonalData.Erased, OutboxPersonalData.Erased, OutboxPersonalData.Erased), (after[erased].To, after[erased].TextBody, after[erased].HtmlBody));
            Assert.Equal(before[erased].Subject, after[erased].Subject);
        }

        Assert.Equal(OutboxState.DeadLettered, after[saveAndReturn].State);
        Assert.Equal(OutboxState.Sent, after[receipt].State);
        foreach (var kept in new[] { officerAboutOld, receiptForRecent, unrelated })
        {
            Assert.Equal((before[kept].To, before[kept].TextBody, before[kept].State), (after[kept].To, after[kept].TextBody, after[kept].State));
        }

        Assert.Equal([old], _log.Erased.Distinct());

        // Erasing again changes nothing and tells no one again.
        Assert.Equal("Warned officers about 0 consultation(s); erased 0 record(s) across 0 consultation(s).", await RunAsync());
        Assert.Equal(2, (await _rig.OutboxAsync()).Count(m => m.Kind == "officer-retention"));
    }

    [Fact]
    public async Task Run_WarningMissedWhilePortalWasOff_ErasureWaitsFourteenDaysAfterTheWarning()
    {
        var old = await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59));
        _rig.Time.SetUtcNow(JobRig.Uk(2022, 3, 1, 2, 30));

        await RunAsync();
        Assert.Empty(_log.Erased);
        Assert.Contains("Tuesday 15 March 2022", (await _rig.OutboxAsync()).First(m => m.Kind == "officer-retention").TextBody, StringComparison.Ordinal);

        _rig.Time.SetUtcNow(JobRig.Uk(2022, 3, 14, 2, 30));
        await RunAsync();
        Assert.Empty(_log.Erased);

        _rig.Time.SetUtcNow(JobRig.Uk(2022, 3, 15, 2, 30));
        await RunAsync();
        Assert.Equal([old], _log.Erased);
    }

    [Fact]
    public void EraseOn_MonthsAfterClose_SameUkWallClockTime()
    {
        Assert.Equal(JobRig.Uk(2021, 7, 8, 23, 59), RetentionJob.EraseOn(JobRig.Uk(2021, 1, 8, 23, 59), 6));
    }

    /// <summary>The journey issue's seam as a test sets it: records which consultations it was asked to erase.</summary>
    private sealed class ErasureLog : IRespondentPersonalData
    {
        public List<Guid> Erased { get; } = [];

        public string Name => "erasure log";

        public Task<int> EraseAsync(Guid consultationId, CancellationToken cancellationToken)
        {
            Erased.Add(consultationId);
            return Task.FromResult(0);
        }
    }
}

internal static class OutboxTestExtensions
{
    public static async Task OutboxMessagesSetSentAsync(this Core.Data.PortalDbContext db, params Guid[] ids)
    {
        foreach (var id in ids)
        {
            var message = await db.OutboxMessages.FindAsync(id);
            message!.State = OutboxState.Sent;
        }

        await db.SaveChangesAsync();
    }
}
