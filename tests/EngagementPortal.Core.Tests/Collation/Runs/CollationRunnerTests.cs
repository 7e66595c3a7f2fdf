using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stored = EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Collation.Runs;

/// <summary>Runs recorded as CollationRun rows; incremental runs give exactly the hash a full run over the same rows gives.</summary>
public sealed class CollationRunnerTests : IDisposable
{
    private readonly CollationRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private async Task<string> FreshFullHashAsync()
    {
        // A new cache: what another node, or this one after a restart, would compute from scratch.
        using var other = new ServiceCollection().AddSingleton<CollationStateCache>().BuildServiceProvider();
        await using var scope = _rig.Scope();
        var sp = scope.ServiceProvider;
        var source = await sp.GetRequiredService<CollationReader>().OpenAsync(_rig.ConsultationId, CancellationToken.None);
        var reader = sp.GetRequiredService<CollationReader>();
        var outcome = await new Collator(_rig.Time).CollateAsync(source!.Definition, _rig.Options, reader.ReadAsync(source, null, CancellationToken.None));
        var profile = RespondentProfile.Breakdowns(await reader.CountEqualityAsync(_rig.ConsultationId, CancellationToken.None), _rig.Options.SuppressBelow);
        return RespondentProfile.AddTo(outcome.Snapshot, profile).ContentHash;
    }

    private async Task SeedAsync(int responses, int seed) =>
        Assert.True((await _rig.WithAsync(sp => sp.GetRequiredService<DemoResponses>().SeedAsync("integrating-care", responses, seed, CancellationToken.None))).Succeeded);

    [Fact]
    public async Task Run_FirstTime_FullRunRecordedWithSnapshotHashCountAndWatermark()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(q1: "Agree", q1Explain: "Joined-up care matters.");
        await _rig.AddResponseAsync(q1: "Disagree", moderation: Stored.ModerationState.Duplicate);

        var result = await _rig.CollateAsync();

        Assert.True(result.Succeeded);
        Assert.False(result.Incremental);
        var run = Assert.Single(await _rig.RunsAsync());
        Assert.Equal(CollationRunStatus.Succeeded, run.Status);
        Assert.Equal(CollationTrigger.OnDemand, run.Trigger);
        Assert.Equal(100, run.ProgressPercent);
        Assert.Equal(2, run.ResponsesCounted);
        Assert.Equal(_rig.Time.GetUtcNow().UtcDateTime, run.WatermarkUtc);
        Assert.Equal(result.Snapshot!.ContentHash, run.ContentHash);
        var stored = SnapshotJson.Deserialize(run.SnapshotJson!);
        Assert.Equal(run.ContentHash, Collator.Hash(stored.Content));
        Assert.Equal(1, stored.Content.Responses.Overall);
        Assert.Equal(1, stored.Content.Responses.Duplicate);
        Assert.Equal(await FreshFullHashAsync(), run.ContentHash);

        // The result holds the snapshot; the stored JSON is only in the database, not kept alive with the result.
        Assert.Equal(run.Id, result.Run!.Id);
        Assert.Null(result.Run.SnapshotJson);
    }

    [Fact]
    public async Task Run_AfterNewAndChangedResponses_IncrementalAndSameHashAsAFullRun()
    {
        await _rig.PublishAsync();
        await SeedAsync(300, seed: 1);
        Assert.False((await _rig.CollateAsync()).Incremental);

        _rig.Time.Advance(TimeSpan.FromHours(3));
        await SeedAsync(40, seed: 2);
        Guid moderated;
        await using (var db = _rig.Database.CreateContext())
        {
            moderated = await db.Responses.OrderBy(r => r.Reference).Select(r => r.Id).FirstAsync();
        }

        await _rig.ModerateAsync(moderated, Stored.ModerationState.Spam);
        var second = await _rig.CollateAsync();

        Assert.True(second.Succeeded);
        Assert.True(second.Incremental);
        Assert.Equal(340, second.Run!.ResponsesCounted);
        Assert.Equal(await FreshFullHashAsync(), second.Run.ContentHash);
    }

    private async Task AddEqualityRowsAsync(int count, string? ageBand, string? sex = "Female")
    {
        await using var db = _rig.Database.CreateContext();
        for (var i = 0; i < count; i++)
        {
            db.EqualityMonitoring.Add(new EqualityMonitoring { Id = Guid.NewGuid(), ConsultationId = _rig.ConsultationId, AgeBand = ageBand, Sex = sex, SubmittedOn = new DateOnly(2020, 12, 1) });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Run_EqualityMonitoringRows_WhoRespondedProfileSuppressedUnderFiveAndIncrementalStillEqualsFull()
    {
        await _rig.PublishAsync();
        await SeedAsync(60, seed: 1);
        await AddEqualityRowsAsync(12, "25 to 34");
        await AddEqualityRowsAsync(9, "45 to 54", sex: "Male");
        await AddEqualityRowsAsync(3, "75 or over");
        Assert.False((await _rig.CollateAsync()).Incremental);

        _rig.Time.Advance(TimeSpan.FromHours(3));
        await SeedAsync(10, seed: 2);
        await AddEqualityRowsAsync(6, null, sex: null);
        var second = await _rig.CollateAsync();

        Assert.True(second.Incremental);
        Assert.Equal(await FreshFullHashAsync(), second.Run!.ContentHash);
        var stored = SnapshotJson.Deserialize((await _rig.RunsAsync()).Single(r => r.Id == second.Run.Id).SnapshotJson!);
        Assert.Equal(second.Run.ContentHash, Collator.Hash(stored.Content));
        var age = stored.Content.Breakdowns.Single(b => b.Dimension == RespondentProfile.AgeBand);
        Assert.Equal(12, age.Groups.Single(g => g.Group == "25 to 34").Respondents);
        Assert.Equal(9, age.Groups.Single(g => g.Group == "45 to 54").Respondents);
        var small = age.Groups.Single(g => g.Group == "75 or over");
        Assert.True(small.Suppressed);
        Assert.Null(small.Respondents);

        // The only group under 5 would be given away by the total: the next smallest (6 not given) is hidden too.
        Assert.True(age.Groups.Single(g => g.Group == RespondentProfile.NotGiven).Suppressed);
        Assert.Equal(0, age.Groups.Single(g => g.Group == "Under 18").Respondents);
        var sex = stored.Content.Breakdowns.Single(b => b.Dimension == RespondentProfile.Sex);
        Assert.Equal(15, sex.Groups.Single(g => g.Group == "Female").Respondents);
    }

    [Fact]
    public async Task Run_CodingFrameRenamedSinceTheLastRun_FullRunInstead()
    {
        await _rig.PublishAsync();
        var tagged = await _rig.AddResponseAsync(q1: "Agree", q1Explain: "More staff for social care please.");
        var theme = await _rig.AddThemeAsync("q1-explain", "Staffing");
        await _rig.TagAsync(tagged.Id, "q1-explain", theme);
        await _rig.CollateAsync();

        // A rename changes what every tagged answer says without touching the responses' UpdatedUtc.
        await using (var db = _rig.Database.CreateContext())
        {
            var row = await db.CodingThemes.SingleAsync(t => t.Id == theme);
            row.Name = "Workforce";
            await db.SaveChangesAsync();
        }

        _rig.Time.Advance(TimeSpan.FromMinutes(10));
        var second = await _rig.CollateAsync();

        Assert.False(second.Incremental);
        Assert.Equal("Workforce", Assert.Single(second.Snapshot!.Content.Questions[0].CodedThemes).Name);
        Assert.Equal(await FreshFullHashAsync(), second.Run!.ContentHash);
    }

    [Fact]
    public async Task Run_ResponseDeletedSinceTheLastRun_CountsDisagreeAndAFullRunPutsItRight()
    {
        await _rig.PublishAsync();
        var gone = await _rig.AddResponseAsync(q1: "Agree");
        await _rig.AddResponseAsync(q1: "Disagree");
        await _rig.CollateAsync();
        await using (var db = _rig.Database.CreateContext())
        {
            await db.Responses.Where(r => r.Id == gone.Id).ExecuteDeleteAsync();
        }

        _rig.Time.Advance(TimeSpan.FromMinutes(10));
        var second = await _rig.CollateAsync();

        Assert.False(second.Incremental);
        Assert.Equal(1, second.Run!.ResponsesCounted);
        Assert.Equal(await FreshFullHashAsync(), second.Run.ContentHash);
    }

    [Fact]
    public async Task Run_DatabaseBrokenMidway_FailedRunWithTheError()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(q1: "Agree");
        await using (var db = _rig.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE answer_themes RENAME TO answer_themes_away");
        }

        var result = await _rig.CollateAsync(CollationTrigger.Nightly);

        Assert.False(result.Succeeded);
        var run = Assert.Single(await _rig.RunsAsync());
        Assert.Equal(CollationRunStatus.Failed, run.Status);
        Assert.Equal(CollationTrigger.Nightly, run.Trigger);
        Assert.Contains("answer_themes", run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.FinishedUtc);
        Assert.Null(run.SnapshotJson);
    }

    [Fact]
    public async Task CollateNow_TwiceBeforeItRuns_OneQueuedRunThatTheRunnerTakesOver()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(q1: "Agree");

        var (first, runId) = await _rig.WithAsync(sp => sp.GetRequiredService<CollationRuns>().CollateNowAsync(_rig.ConsultationId, CancellationToken.None));
        var (second, sameId) = await _rig.WithAsync(sp => sp.GetRequiredService<CollationRuns>().CollateNowAsync(_rig.ConsultationId, CancellationToken.None));
        var result = await _rig.WithAsync(sp => sp.GetRequiredService<CollationRunner>().RunAsync(_rig.ConsultationId, CollationTrigger.OnDemand, runId));

        Assert.Equal(CollateNowResult.Queued, first);
        Assert.Equal(CollateNowResult.AlreadyUnderWay, second);
        Assert.Equal(runId, sameId);
        Assert.Equal(runId, result.Run!.Id);
        Assert.Equal(CollationRunStatus.Succeeded, Assert.Single(await _rig.RunsAsync()).Status);
    }
}
