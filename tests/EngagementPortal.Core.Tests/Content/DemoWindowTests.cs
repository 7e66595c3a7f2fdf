using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using EngagementPortal.Core.Time;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Content;

public sealed class DemoWindowTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private async Task<int> StartAsync(bool enabled)
    {
        await using var db = _database.CreateContext();
        var demo = new DemoWindow(db, _time, Options.Create(new DemoOptions { Enabled = enabled, OpenedDaysAgo = 7 }));
        var import = new ConsultationImport(db, _time, demo);
        await import.ImportAsync(ContentOrigin.Package, ContentPackage.ReadConsultations(Repository.ContentPackages));
        return await demo.ApplyAsync();
    }

    private async Task<ConsultationVersion> PublishedAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ConsultationVersions.SingleAsync(v => v.State == VersionState.Published);
    }

    [Fact]
    public async Task Enabled_MakesTheSampleOpenWithItsDeadlineWeeksAhead()
    {
        await StartAsync(enabled: true);
        var version = await PublishedAsync();
        var now = _time.GetUtcNow().UtcDateTime;

        Assert.Equal(ConsultationPhase.Open, version.PhaseAt(now));
        Assert.InRange(UkTime.TodayUk(_time).DayNumber - DateOnly.FromDateTime(UkTime.ToUk(version.OpensUtc)).DayNumber, 4, 10);
        Assert.Equal(0, version.DemoShiftDays % 7);
        Assert.StartsWith("11:59pm on Friday", UkTime.FormatDeadline(version.ClosesUtc), StringComparison.Ordinal); // the weekday is kept
        Assert.InRange(UkTime.DaysUntil(version.PartnershipDeadlineUtc!.Value, _time), 21, 60);
        Assert.Equal("11:59pm", UkTime.FormatTime(version.ClosesUtc));
        Assert.Equal("5pm", UkTime.FormatTime(version.PartnershipDeadlineUtc.Value));
        Assert.Equal(new DateTime(2021, 1, 8, 23, 59, 59, DateTimeKind.Utc), version.AuthoredClosesUtc); // the real date is kept
        Assert.True(version.IsDemonstration);
    }

    [Fact]
    public async Task Restart_NextDay_KeepsTheSameShift()
    {
        var first = await StartAsync(enabled: true);
        _time.Advance(TimeSpan.FromDays(1));
        var second = await StartAsync(enabled: true);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Restart_AfterTheWindowHasClosed_OpensItAgain()
    {
        var first = await StartAsync(enabled: true);
        _time.Advance(TimeSpan.FromDays(60));
        var second = await StartAsync(enabled: true);

        Assert.NotEqual(first, second);
        Assert.Equal(ConsultationPhase.Open, (await PublishedAsync()).PhaseAt(_time.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task Disabled_UsesTheAuthoredDates()
    {
        await StartAsync(enabled: true);
        await StartAsync(enabled: false);
        var version = await PublishedAsync();

        Assert.Equal(0, version.DemoShiftDays);
        Assert.Equal(version.AuthoredClosesUtc, version.ClosesUtc);
        Assert.Equal(ConsultationPhase.Closed, version.PhaseAt(_time.GetUtcNow().UtcDateTime));
    }
}
