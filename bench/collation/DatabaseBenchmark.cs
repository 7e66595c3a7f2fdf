using System.Diagnostics;
using System.Globalization;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Bench.Collation;

/// <summary>
/// <c>database N</c>: the database path. seed-demo's generator fills a fresh SQLite file with N responses (the
/// Integrating care shape: 4 agree/disagree questions, each with an explanation of about 300 characters), then the
/// portal's own runner collates through the streamed reader: a full run, 1,000 more responses and an incremental run,
/// and a full run of the same rows on a fresh cache (whose hash the incremental run must equal).
/// </summary>
internal static class DatabaseBenchmark
{
    /// <param name="seeded">A file to keep the seeded database in: seeded and copied there when it does not exist, copied
    /// from when it does (seeding 100,000 takes minutes; the collation steps are what is measured).</param>
    public static async Task<int> RunAsync(int responses, string? seeded = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"collation-bench-{Guid.NewGuid():N}.db");
        var reuse = seeded is not null && File.Exists(seeded);
        if (reuse)
        {
            File.Copy(seeded!, file);
        }

        using var clockOfPhases = new PhaseClock();
        var services = new ServiceCollection();
        services.AddPortalDatabase("Sqlite", $"Data Source={file}", Path.GetTempPath());
        var clock = new SteppedClock();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(Options.Create(new CollationOptions()));
        services.AddSingleton<CollationStateCache>();
        services.AddScoped<CollationReader>();
        services.AddScoped<CollationRunner>();
        services.AddScoped<IPartnerSubmissionDetails, EngagementPortal.Core.Partners.PartnerSubmissionDetails>();
        services.AddScoped<DemoResponses>();
        await using var provider = services.BuildServiceProvider();
        try
        {
            Guid consultation;
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await PortalDatabase.MigrateAsync(db);
                consultation = reuse ? await db.Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync() : await PublishAsync(db);
            }

            // seed-demo stamps a whole batch with one time, and an incremental run re-reads from two minutes before the
            // watermark (CollationRunner.WatermarkOverlap). Responses arrive over time in use: the last of the N comes an
            // hour after the rest, and the 1,000 new ones an hour after that, so the incremental run reads 1,001, not N + 1,000.
            var seed = Stopwatch.StartNew();
            if (!reuse)
            {
                await SeedAsync(provider, responses - 1, 1);
            }

            clock.Advance(TimeSpan.FromHours(1));
            if (!reuse)
            {
                await SeedAsync(provider, 1, 3);
                if (seeded is not null)
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    File.Copy(file, seeded);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed-demo {responses:N0} into SQLite: {(reuse ? "reused " + seeded : seed.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s")}, file {new FileInfo(file).Length / 1048576.0:F0} MiB"));
            await ReadOnlyAsync(provider, consultation, responses);
            clockOfPhases.Take();
            if (Environment.GetEnvironmentVariable("BENCH_READ_ONLY") == "1")
            {
                // For profiling the reader alone (dotnet-trace): no collation.
                await ReadOnlyAsync(provider, consultation, responses);
                return 0;
            }

            var full = await MeasureAsync(provider, consultation, "full collation through the reader", responses);
            Console.WriteLine("  " + clockOfPhases.Take());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  live heap between runs, the cached state held: {Live()}"));
            clock.Advance(TimeSpan.FromHours(1));
            await SeedAsync(provider, 1000, 2);
            clockOfPhases.Take();
            var incremental = await MeasureAsync(provider, consultation, "incremental, +1,000", responses + 1000);
            Console.WriteLine("  " + clockOfPhases.Take());
            // A fresh cache is what a restarted process has: the old process's state is gone with it.
            provider.GetRequiredService<CollationStateCache>().Forget(consultation);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  live heap with no state held: {Live()}"));
            var fresh = await MeasureAsync(provider.CreateScope().ServiceProvider, consultation, $"full of {responses + 1000:N0} on a fresh cache", responses + 1000, freshCache: true);
            Console.WriteLine("  " + clockOfPhases.Take());
            Console.WriteLine($"first run incremental: {full.Incremental}; second run incremental: {incremental.Incremental}; hash equal to full: {incremental.Hash == fresh.Hash}");
            return incremental.Hash == fresh.Hash && incremental.Incremental ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    /// <summary>
    /// Live bytes after a full collection (heap size less its free space). With <c>BENCH_LIVE=1</c> the collection is an
    /// aggressive, compacting one, exact but it returns memory the next step would otherwise start with, so it is off by
    /// default (the steps' peaks are then what the portal's process would see).
    /// </summary>
    private static string Live()
    {
        var aggressive = Environment.GetEnvironmentVariable("BENCH_LIVE") == "1";
        if (aggressive)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        else
        {
            GC.Collect();
        }

        var info = GC.GetGCMemoryInfo();
        return string.Create(CultureInfo.InvariantCulture, $"{(info.HeapSizeBytes - info.FragmentedBytes) / 1048576.0:F0} MiB (promoted {info.PromotedBytes / 1048576.0:F0} MiB, total memory {GC.GetTotalMemory(false) / 1048576.0:F0} MiB; {(aggressive ? "aggressive" : "ordinary")} full collection; heap {info.HeapSizeBytes / 1048576.0:F0} MiB, committed {info.TotalCommittedBytes / 1048576.0:F0} MiB)");
    }

    /// <summary>The reader alone: every response streamed and dropped, nothing collated (the reading share of a full run).</summary>
    private static async Task ReadOnlyAsync(IServiceProvider provider, Guid consultation, int expected)
    {
        var meter = StepMeter.Start();
        await using var scope = provider.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<CollationReader>();
        var source = await reader.OpenAsync(consultation, CancellationToken.None) ?? throw new InvalidOperationException("no source");
        var count = 0;
        long answers = 0;
        await foreach (var set in reader.ReadAsync(source, null, CancellationToken.None))
        {
            count++;
            answers += set.Answers.Count;
        }

        meter.Stop();
        if (count != expected)
        {
            throw new InvalidOperationException($"read only: {count} responses, expected {expected}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read only (the reader, no collation; first read, includes JIT): {meter.Watch.Elapsed.TotalSeconds:F1} s wall, {meter.Cpu.TotalSeconds:F1} s CPU, {meter.Allocated / 1048576.0:F0} MiB allocated, {answers:N0} answers, {Load()}"));
    }

    /// <summary>CPU, allocation and wall time of one step, from a collected heap.</summary>
    private sealed class StepMeter
    {
        private readonly TimeSpan cpu;
        private readonly long allocated;

        private StepMeter()
        {
            GC.Collect();
            cpu = Process.TotalProcessorTime;
            allocated = GC.GetTotalAllocatedBytes(true);
            Watch = Stopwatch.StartNew();
        }

        public Process Process { get; } = Process.GetCurrentProcess();

        public Stopwatch Watch { get; }

        public TimeSpan StartCpu => cpu;

        public TimeSpan Cpu => Process.TotalProcessorTime - cpu;

        public long Allocated => GC.GetTotalAllocatedBytes(true) - allocated;

        public static StepMeter Start() => new();

        public void Stop()
        {
            Watch.Stop();
            Process.Refresh();
        }
    }

    /// <summary>The 1-minute load average at the end of a step: the machine is shared, so wall times need it beside them.</summary>
    private static string Load() =>
        File.Exists("/proc/loadavg") ? "load " + File.ReadAllText("/proc/loadavg").Split(' ')[0] : "load unknown";

    private static async Task SeedAsync(IServiceProvider provider, int count, int seed)
    {
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoResponses>().SeedAsync("integrating-care", count, seed, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Problem);
        }
    }

    private static async Task<(bool Incremental, string Hash)> MeasureAsync(IServiceProvider provider, Guid consultation, string name, int expected, bool freshCache = false)
    {
        if (Environment.GetEnvironmentVariable("BENCH_FLUSH") == "1")
        {
            // An idle thread-pool worker still references the last run (the state, its snapshot and stored JSON) until it
            // runs other work, as a serving portal's workers soon do and this benchmark's do not: with BENCH_FLUSH=1 each
            // step starts after trivial work on the pool. Off by default, so the default figures include that retention.
            for (var k = 0; k < 20; k++)
            {
                Parallel.For(0, 10000, _ => { });
                await Task.Run(() => { });
            }
        }

        var meter = StepMeter.Start();
        var (process, watch) = (meter.Process, meter.Watch);
        await using var scope = provider.CreateAsyncScope();
        var runner = freshCache
            ? ActivatorUtilities.CreateInstance<CollationRunner>(scope.ServiceProvider, new CollationStateCache())
            : scope.ServiceProvider.GetRequiredService<CollationRunner>();
        var phases = new PhaseProgress(process, meter.StartCpu, watch);
        var result = await runner.RunAsync(consultation, CollationTrigger.CommandLine, progress: phases);
        meter.Stop();
        if (!result.Succeeded || result.Run!.ResponsesCounted != expected)
        {
            throw new InvalidOperationException($"{name}: {result.Problem} ({result.Run?.ResponsesCounted} responses)");
        }

        var spent = meter.Cpu;
        var allocatedInRun = meter.Allocated;
        var peak = process.PeakWorkingSet64;
        if (!freshCache && !result.Incremental)
        {
            Console.WriteLine("  " + SerialisationCost(process, result.Snapshot!));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {watch.Elapsed.TotalSeconds:F1} s wall, {spent.TotalSeconds:F1} s CPU, {allocatedInRun / 1048576.0:F0} MiB allocated, peak working set so far {peak / 1048576.0:F0} MiB, incremental {result.Incremental}, {Load()}, hash {result.Snapshot!.ContentHash[..12]}"));
        Console.WriteLine("  " + phases.Summary(spent, watch.Elapsed, peak));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  live heap after the run (full collection): {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F0} MiB"));
        return (result.Incremental, result.Snapshot!.ContentHash);
    }

    /// <summary>
    /// What serialising this snapshot costs: the runner writes its content once, for the hash and for storing
    /// (docs/adr/0151); a second <c>SnapshotJson.Serialize</c> is what storing used to add. A method of its own, not inline
    /// in the async step, so the JSON (tens of MB) is not kept in that step's state machine and alive into the next step's
    /// peak.
    /// </summary>
    private static string SerialisationCost(Process process, CollationSnapshot snapshot)
    {
        var cpuBefore = process.TotalProcessorTime;
        var length = SnapshotJson.Serialize(snapshot).Length;
        process.Refresh();
        var serialise = process.TotalProcessorTime - cpuBefore;
        cpuBefore = process.TotalProcessorTime;
        _ = Collator.Hash(snapshot.Content);
        process.Refresh();
        return string.Create(CultureInfo.InvariantCulture,
            $"snapshot JSON {length / 1048576.0:F1} MiB (chars); one SnapshotJson.Serialize {serialise.TotalSeconds:F2} s CPU, one Collator.Hash {(process.TotalProcessorTime - cpuBefore).TotalSeconds:F2} s CPU (not counted above)");
    }

    /// <summary>The Integrating care consultation's shape: four agree/disagree questions, each with "Please explain".</summary>
    private static async Task<Guid> PublishAsync(PortalDbContext db)
    {
        var opens = new DateTime(2020, 11, 24, 0, 0, 0, DateTimeKind.Utc);
        var closes = new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc);
        var consultation = new Consultation { Id = Guid.NewGuid(), Slug = "integrating-care", Origin = ContentOrigin.BackOffice, CreatedUtc = opens };
        consultation.Versions.Add(new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            Number = 1,
            State = VersionState.Published,
            Title = "Integrating care",
            Summary = "Summary",
            Body = "Body",
            ContentHash = "bench",
            AuthoredOpensUtc = opens,
            AuthoredClosesUtc = closes,
            OpensUtc = opens,
            ClosesUtc = closes,
            CreatedUtc = opens,
            Questions = [.. Enumerable.Range(1, 4).Select(n => new Question { Key = $"q{n}", Number = n, Text = $"Question {n}", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain your answer" })],
        });
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return consultation.Id;
    }
}

/// <summary>
/// Splits a run by the runner's own progress messages: reading and reducing (until "Collating tallies..."), the snapshot
/// build with its hash and the equality profile (until "Saving the snapshot"), then storing the run. CPU is the process's
/// (both cores); the working set is the process's peak at the end of each phase.
/// </summary>
internal sealed class PhaseProgress(Process process, TimeSpan startCpu, Stopwatch watch) : EngagementPortal.Core.Jobs.IJobProgress
{
    private readonly List<(string Name, TimeSpan Cpu, TimeSpan Wall, long Peak, TimeSpan Paused, int Gen2, long Now, long Committed)> marks = [];
    private readonly long startWorkingSet = process.WorkingSet64;
    private readonly TimeSpan startPaused = GC.GetTotalPauseDuration();
    private readonly int startGen2 = GC.CollectionCount(2);

    public Task ReportAsync(int percent, string? message, CancellationToken cancellationToken)
    {
        var name = message switch
        {
            not null when message.StartsWith("Collating", StringComparison.Ordinal) => "read+reduce",
            not null when message.StartsWith("Saving", StringComparison.Ordinal) => "build+hash",
            _ => null,
        };
        if (name is not null)
        {
            process.Refresh();
            marks.Add((name, process.TotalProcessorTime, watch.Elapsed, process.PeakWorkingSet64, GC.GetTotalPauseDuration(), GC.CollectionCount(2), process.WorkingSet64, GC.GetGCMemoryInfo().TotalCommittedBytes));
        }

        return Task.CompletedTask;
    }

    public string Summary(TimeSpan totalCpu, TimeSpan totalWall, long peak)
    {
        var text = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"phases (working set at the start {startWorkingSet / 1048576.0:F0} MiB):"));
        var cpu = startCpu;
        var wall = TimeSpan.Zero;
        var paused = startPaused;
        var gen2 = startGen2;
        foreach (var (name, atCpu, atWall, atPeak, atPaused, atGen2, atNow, atCommitted) in marks)
        {
            text.Append(CultureInfo.InvariantCulture, $" {name} {(atWall - wall).TotalSeconds:F1} s wall / {(atCpu - cpu).TotalSeconds:F1} s CPU, GC paused {(atPaused - paused).TotalSeconds:F1} s in {atGen2 - gen2} gen2 (peak {atPeak / 1048576.0:F0} MiB, at its end {atNow / 1048576.0:F0} MiB, GC committed {atCommitted / 1048576.0:F0});");
            cpu = atCpu;
            wall = atWall;
            paused = atPaused;
            gen2 = atGen2;
        }

        text.Append(CultureInfo.InvariantCulture, $" store {(totalWall - wall).TotalSeconds:F1} s wall / {(startCpu + totalCpu - cpu).TotalSeconds:F1} s CPU, GC paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F1} s (peak {peak / 1048576.0:F0} MiB)");
        return text.ToString();
    }
}

/// <summary>The system clock, moved on by the benchmark between the first seed and the second.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private TimeSpan offset;

    public void Advance(TimeSpan by) => offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
