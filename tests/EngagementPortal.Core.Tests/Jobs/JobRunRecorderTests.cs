using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementPortal.Core.Tests.Jobs;

/// <summary>What /backoffice/jobs shows comes from these records: outcome, duration, error, progress.</summary>
public sealed class JobRunRecorderTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public JobRunRecorderTests()
    {
        var services = new ServiceCollection();
        services.AddScoped<PortalDbContext>(_ => _database.CreateContext());
        services.AddScoped<ReportingJob>();
        services.AddScoped<FailingJob>();
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Run_JobThatReportsProgress_RecordsSuccessSummaryAndFullProgress()
    {
        var definition = new JobDefinition("reporting", "Reporting", "", typeof(ReportingJob), new JobSchedule.Every(TimeSpan.FromMinutes(1)), ReportsProgress: true);

        await PortalQuartzJob.RunAsync(definition, _services.GetRequiredService<IServiceScopeFactory>(), Recorder(), _time, NullLogger.Instance, CancellationToken.None);

        var run = await RunAsync("reporting");
        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        Assert.Equal("Did 3 things.", run.Summary);
        Assert.Equal(100, run.ProgressPercent);
        Assert.NotNull(run.DurationMilliseconds);
        Assert.Null(run.Error);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, run.FinishedUtc);
    }

    [Fact]
    public async Task Run_JobThatThrows_RecordsFailureWithTheErrorAndDoesNotThrow()
    {
        var definition = new JobDefinition("failing", "Failing", "", typeof(FailingJob), new JobSchedule.Every(TimeSpan.FromMinutes(1)));

        await PortalQuartzJob.RunAsync(definition, _services.GetRequiredService<IServiceScopeFactory>(), Recorder(), _time, NullLogger.Instance, CancellationToken.None);

        var run = await RunAsync("failing");
        Assert.Equal(JobRunOutcome.Failed, run.Outcome);
        Assert.Equal("InvalidOperationException: The mail folder is read-only.", run.Error);
        Assert.Null(run.ProgressPercent);
    }

    [Fact]
    public async Task Progress_WhileRunning_VisibleInTheRecord()
    {
        var recorder = Recorder();
        await recorder.StartedAsync("collation", reportsProgress: true, CancellationToken.None);
        await new RecordedProgress(recorder, "collation", _time).ReportAsync(40, "Theming free text", CancellationToken.None);

        var run = await RunAsync("collation");
        Assert.Equal((JobRunOutcome.Running, 40, "Theming free text"), (run.Outcome, run.ProgressPercent, run.ProgressMessage));
    }

    private JobRunRecorder Recorder() => new(_services.GetRequiredService<IServiceScopeFactory>(), _time);

    private async Task<JobRun> RunAsync(string name)
    {
        await using var db = _database.CreateContext();
        return await db.JobRuns.AsNoTracking().SingleAsync(r => r.JobName == name);
    }

    private sealed class ReportingJob : IPortalJob
    {
        public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
        {
            await progress.ReportAsync(50, "Half way", cancellationToken);
            return new JobOutcome("Did 3 things.");
        }
    }

    private sealed class FailingJob : IPortalJob
    {
        public Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The mail folder is read-only.");
    }
}
