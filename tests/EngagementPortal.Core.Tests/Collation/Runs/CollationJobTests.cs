using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Core.Tests.Collation.Runs;

/// <summary>The collation job on a clock the test moves: nightly while open, before the deadline, at close, on demand;
/// failures told at once and retried with backoff; nothing missed silently.</summary>
public sealed class CollationJobTests : IDisposable
{
    private readonly CollationRig _rig = new(o => o.RetryAttempts = 2);

    public void Dispose() => _rig.Dispose();

    private Task<JobOutcome> RunJobAsync() => _rig.WithAsync(sp => sp.GetRequiredService<CollationJob>().RunAsync(NoProgress.Instance, CancellationToken.None));

    private void At(DateTime ukWallClock) => _rig.Time.SetUtcNow(new DateTimeOffset(UkTime.FromUk(ukWallClock), TimeSpan.Zero));

    private async Task<List<(CollationTrigger Trigger, CollationRunStatus Status)>> RunsAsync() =>
        (await _rig.RunsAsync()).Select(r => (r.Trigger, r.Status)).ToList();

    private async Task BreakDatabaseAsync(bool broken)
    {
        await using var db = _rig.Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(broken ? "ALTER TABLE answer_themes RENAME TO answer_themes_away" : "ALTER TABLE answer_themes_away RENAME TO answer_themes");
    }

    [Fact]
    public async Task Run_WhileOpen_NightlyOnceANightAtTheConfiguredUkTime()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(q1: "Agree");
        At(new DateTime(2020, 12, 1, 10, 0, 0));

        await RunJobAsync();
        await RunJobAsync();
        At(new DateTime(2020, 12, 2, 1, 29, 0));
        await RunJobAsync();
        Assert.Equal([(CollationTrigger.Nightly, CollationRunStatus.Succeeded)], await RunsAsync());

        At(new DateTime(2020, 12, 2, 1, 31, 0));
        await RunJobAsync();

        var runs = await _rig.RunsAsync();
        Assert.Equal(2, runs.Count(r => r.Trigger == CollationTrigger.Nightly && r.Status == CollationRunStatus.Succeeded));
        Assert.Equal(UkTime.FromUk(new DateTime(2020, 12, 2, 1, 31, 0)), runs[^1].StartedUtc);
    }

    [Fact]
    public async Task Run_FinalLeadHoursBeforeTheDeadlineAndAtClose_EachOnce()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(q1: "Agree");

        // 48 hours before 5pm on 4 January is 5pm on 2 January.
        At(new DateTime(2021, 1, 2, 16, 59, 0));
        await RunJobAsync();
        Assert.DoesNotContain(CollationTrigger.FinalBeforeDeadline, (await RunsAsync()).Select(r => r.Trigger));

        At(new DateTime(2021, 1, 2, 17, 0, 0));
        await RunJobAsync();
        await RunJobAsync();
        Assert.Equal(1, (await RunsAsync()).Count(r => r.Trigger == CollationTrigger.FinalBeforeDeadline));
        var ready = Assert.Single(await _rig.OutboxAsync());
        Assert.Contains("Collation ready", ready.Subject, StringComparison.Ordinal);
        Assert.Contains("1 responses counted", ready.TextBody, StringComparison.Ordinal);

        At(new DateTime(2021, 1, 8, 23, 58, 30));
        await RunJobAsync();
        Assert.DoesNotContain(CollationTrigger.AtClose, (await RunsAsync()).Select(r => r.Trigger));

        At(new DateTime(2021, 1, 8, 23, 59, 30));
        await RunJobAsync();
        await RunJobAsync();
        await RunJobAsync();
        Assert.Equal(1, (await RunsAsync()).Count(r => r.Trigger == CollationTrigger.AtClose));
        Assert.All(await RunsAsync(), r => Assert.Equal(CollationRunStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task Run_PortalDownAtTheScheduledTime_RunsWhenItComesBackWithinTheCatchUpWindow()
    {
        await _rig.PublishAsync();
        At(new DateTime(2021, 1, 9, 0, 0, 0).AddDays(1).AddHours(7));

        await RunJobAsync();

        Assert.Contains((CollationTrigger.AtClose, CollationRunStatus.Succeeded), await RunsAsync());
    }

    [Fact]
    public async Task Run_ScheduledCollationFails_OfficersToldAtOnceThenRetriedWithBackoffUntilItSucceeds()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(q1: "Agree");
        At(new DateTime(2020, 12, 1, 2, 0, 0));
        await BreakDatabaseAsync(true);

        var first = await RunJobAsync();

        Assert.Contains("failed 1", first.Summary, StringComparison.Ordinal);
        var told = Assert.Single(await _rig.OutboxAsync());
        Assert.Equal("lead.officer@example.nhs.uk", told.To);
        Assert.Contains("Collation failed", told.Subject, StringComparison.Ordinal);
        Assert.Contains("tried again at 2:05am", told.TextBody, StringComparison.Ordinal);

        // Not before the backoff; then retried (failing again, no second email); then twice the wait.
        _rig.Time.Advance(TimeSpan.FromMinutes(4));
        await RunJobAsync();
        Assert.Single(await _rig.RunsAsync());
        _rig.Time.Advance(TimeSpan.FromMinutes(1));
        await RunJobAsync();
        Assert.Equal(2, (await _rig.RunsAsync()).Count);
        Assert.Single(await _rig.OutboxAsync());

        await BreakDatabaseAsync(false);
        _rig.Time.Advance(TimeSpan.FromMinutes(9));
        await RunJobAsync();
        Assert.Equal(2, (await _rig.RunsAsync()).Count);
        _rig.Time.Advance(TimeSpan.FromMinutes(1));
        await RunJobAsync();

        Assert.Equal(
            [(CollationTrigger.Nightly, CollationRunStatus.Failed), (CollationTrigger.Nightly, CollationRunStatus.Failed), (CollationTrigger.Nightly, CollationRunStatus.Succeeded)],
            await RunsAsync());
    }

    [Fact]
    public async Task Run_EveryRetryFails_OfficersToldItGaveUpAndItStopsTrying()
    {
        await _rig.PublishAsync();
        At(new DateTime(2020, 12, 1, 2, 0, 0));
        await BreakDatabaseAsync(true);

        for (var i = 0; i < 8; i++)
        {
            await RunJobAsync();
            _rig.Time.Advance(TimeSpan.FromMinutes(30));
        }

        Assert.Equal(3, (await _rig.RunsAsync()).Count);
        var mail = await _rig.OutboxAsync();
        Assert.Equal(2, mail.Count);
        Assert.Contains("will not be retried", mail[1].TextBody, StringComparison.Ordinal);
        Assert.Contains($"/backoffice/consultations/{_rig.ConsultationId}/collation", mail[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CollateNowQueued_RunsItUnderItsOwnId()
    {
        await _rig.PublishAsync(opens: new DateTime(2020, 12, 5), closes: new DateTime(2021, 1, 8));
        await _rig.AddResponseAsync(q1: "Agree");
        var (_, runId) = await _rig.WithAsync(sp => sp.GetRequiredService<CollationRuns>().CollateNowAsync(_rig.ConsultationId, CancellationToken.None));

        await RunJobAsync();

        var run = Assert.Single(await _rig.RunsAsync());
        Assert.Equal(runId, run.Id);
        Assert.Equal(CollationTrigger.OnDemand, run.Trigger);
        Assert.Equal(CollationRunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.ResponsesCounted);
    }

    [Fact]
    public async Task Run_RunLeftRunningByAStoppedProcess_MarkedFailedAndTheScheduledRunRetried()
    {
        await _rig.PublishAsync();
        At(new DateTime(2020, 12, 1, 4, 0, 0));
        await using (var db = _rig.Database.CreateContext())
        {
            db.CollationRuns.Add(new CollationRun { Id = Guid.NewGuid(), ConsultationId = _rig.ConsultationId, Trigger = CollationTrigger.Nightly, Status = CollationRunStatus.Running, StartedUtc = UkTime.FromUk(new DateTime(2020, 12, 1, 1, 30, 0)) });
            await db.SaveChangesAsync();
        }

        var outcome = await RunJobAsync();
        Assert.Contains("1 abandoned", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal([(CollationTrigger.Nightly, CollationRunStatus.Failed)], await RunsAsync());

        // Retried like any failure, after the first backoff.
        _rig.Time.Advance(TimeSpan.FromMinutes(5));
        await RunJobAsync();

        Assert.Equal([(CollationTrigger.Nightly, CollationRunStatus.Failed), (CollationTrigger.Nightly, CollationRunStatus.Succeeded)], await RunsAsync());
    }
}
