using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Exports.Csv;
using EngagementPortal.Core.Responses;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

// bench/responses: the back office's response list and CSV export at scale (issue 4). Seeds N responses (Bogus) into
// a migrated SQLite file, times the filtered list through ResponseList (the query the page runs) over many filter
// combinations, and streams the full CSV export (ResponsesCsv, what the export page runs) to a null stream while
// sampling memory. Baselines in the same run: a bare COUNT(*) for the list, a raw reader over the same rows for the
// export. Usage: dotnet EngagementPortal.Bench.Responses.dll [responses=100000] [database file]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var path = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(Path.GetTempPath(), $"bench-responses-{count}.db");
var connectionString = $"Data Source={path};Pooling=True";
var culture = CultureInfo.InvariantCulture;

PortalDbContext Context() => new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>()
    .UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
    .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
    .Options);

if (Environment.GetEnvironmentVariable("BENCH_SQL") is { } sqlFor)
{
    // Prints the SQL a filter becomes, to read its plan with EXPLAIN QUERY PLAN.
    await using var db = Context();
    var filter = sqlFor switch
    {
        "search" => new ResponseFilter { Search = Environment.GetEnvironmentVariable("BENCH_TERM") ?? "transport" },
        "theme" => new ResponseFilter { ThemeId = Guid.Empty },
        "mc" => new ResponseFilter { Choice = new ChoiceFilter("mc", "A&E", true) },
        "date" => new ResponseFilter { ReceivedFrom = new DateOnly(2020, 11, 8), ReceivedTo = new DateOnly(2020, 11, 14) },
        _ => new ResponseFilter { Choice = new ChoiceFilter("q1", "Agree", false) },
    };
    var list = new ResponseList(db);
    Console.WriteLine(list.Filtered(Guid.Empty, filter).OrderByDescending(r => r.SubmittedUtc).ThenByDescending(r => r.Id).Skip(0).Take(50).ToQueryString());
    return 0;
}

Console.WriteLine(string.Create(culture, $".NET {Environment.Version}, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
var watch = Stopwatch.StartNew();
var seeded = await Seed.EnsureAsync(Context, path, count);
Console.WriteLine(string.Create(culture, $"database {path}: {seeded.Responses:N0} responses, {seeded.Answers:N0} answers, {seeded.Tags:N0} theme tags ({(seeded.Created ? "seeded" : "reused")} in {watch.Elapsed.TotalSeconds:F1} s)"));

// ---- The filtered list ----
var consultationId = seeded.ConsultationId;
// BENCH_KINDS=search,answer times only those kinds (while working on one).
var kinds = Environment.GetEnvironmentVariable("BENCH_KINDS")?.Split(',');
var filters = Filters(seeded).Where(f => kinds is null || kinds.Contains(f.Kind)).ToList();
var timings = new List<(string Kind, string Name, double Ms, double Cpu)>();
var baseline = new List<(double Ms, double Cpu)>();
await using (var warm = Context())
{
    // The seed's answers wait for the search index like any others (docs/adr/0150); take them in before timing, as
    // the search-index job would have long since done.
    watch.Restart();
    var indexed = await new AnswerTextIndex(warm).CatchUpAsync();
    Console.WriteLine(string.Create(culture, $"search index: {indexed:N0} answers taken in ({watch.Elapsed.TotalSeconds:F1} s)"));
    await new ResponseList(warm).ListAsync(consultationId, new ResponseFilter());
}

const int rounds = 3;
for (var round = 0; round < rounds; round++)
{
    foreach (var (kind, name, filter) in filters)
    {
        // A fresh context per query, as each request has its own scope.
        await using var db = Context();
        // CPU time of this process as well as wall time: on a machine shared with other builds the wall time mostly
        // measures waiting for a core; the CPU time is the query's own work (all of it on one thread here).
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var t = Stopwatch.StartNew();
        var page = await new ResponseList(db).ListAsync(consultationId, filter);
        timings.Add((kind, name, t.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds));
        if (round == 0 && page.Rows.Count == 0 && page.Total > 0)
        {
            throw new InvalidOperationException("a page with a total but no rows: " + name);
        }

        await using var bare = Context();
        var bareCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var b = Stopwatch.StartNew();
        await bare.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"responses\" WHERE \"ConsultationId\" = {0}", consultationId.ToString().ToUpperInvariant()).SingleAsync();
        baseline.Add((b.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - bareCpu).TotalMilliseconds));
    }
}

double P(IEnumerable<double> values, double q)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

Console.WriteLine();
Console.WriteLine(string.Create(culture, $"filtered list (ResponseList.ListAsync: count + page of 50 + counts by moderation), {filters.Count} filter combinations x {rounds} rounds:"));
Console.WriteLine("| filters | runs | wall p50 ms | wall p95 ms | wall max ms | CPU p50 ms | CPU p95 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var group in timings.GroupBy(t => t.Kind))
{
    var ms = group.Select(g => g.Ms).ToList();
    var cpus = group.Select(g => g.Cpu).ToList();
    Console.WriteLine(string.Create(culture, $"| {group.Key} | {ms.Count} | {P(ms, 0.5):F1} | {P(ms, 0.95):F1} | {ms.Max():F1} | {P(cpus, 0.5):F1} | {P(cpus, 0.95):F1} |"));
}

var all = timings.Select(t => t.Ms).ToList();
var allCpu = timings.Select(t => t.Cpu).ToList();
var bareMs = baseline.Select(b => b.Ms).ToList();
var bareCpus = baseline.Select(b => b.Cpu).ToList();
Console.WriteLine(string.Create(culture, $"| **all** | {all.Count} | {P(all, 0.5):F1} | **{P(all, 0.95):F1}** | {all.Max():F1} | {P(allCpu, 0.5):F1} | **{P(allCpu, 0.95):F1}** |"));
Console.WriteLine(string.Create(culture, $"| baseline: bare COUNT(*) of the consultation | {baseline.Count} | {P(bareMs, 0.5):F1} | {P(bareMs, 0.95):F1} | {bareMs.Max():F1} | {P(bareCpus, 0.5):F1} | {P(bareCpus, 0.95):F1} |"));
Console.WriteLine(string.Create(culture, $"p95 ratio list / baseline: wall {P(all, 0.95) / P(bareMs, 0.95):F1}x, CPU {P(allCpu, 0.95) / Math.Max(P(bareCpus, 0.95), 0.001):F1}x; target p95 < 200 ms: wall {(P(all, 0.95) < 200 ? "met" : "NOT met")}, CPU {(P(allCpu, 0.95) < 200 ? "met" : "NOT met")}"));
foreach (var slow in timings.GroupBy(t => t.Name).Select(g => (Name: g.Key, Ms: g.Max(x => x.Ms))).OrderByDescending(g => g.Ms).Take(5))
{
    Console.WriteLine(string.Create(culture, $"  slowest: {slow.Name}: {slow.Ms:F1} ms"));
}

// ---- The CSV export ----
if (Environment.GetEnvironmentVariable("BENCH_LIST_ONLY") == "1")
{
    return 0;
}

Console.WriteLine();
var (rawMs, rawRows, rawGrowth) = await Measure(async () =>
{
    // Baseline: the same rows, every column read, nothing written.
    await using var db = Context();
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT r.*, a.*, (SELECT group_concat(t."Name", '; ') FROM "answer_themes" at JOIN "coding_themes" t ON t."Id" = at."ThemeId" WHERE at."ResponseAnswerId" = a."Id")
        FROM "responses" r LEFT JOIN "response_answers" a ON a."ResponseId" = r."Id"
        WHERE r."ConsultationId" = $c ORDER BY r."SubmittedUtc", r."Id"
        """;
    command.Parameters.Add(new SqliteParameter("$c", consultationId.ToString().ToUpperInvariant()));
    await using var reader = await command.ExecuteReaderAsync();
    long rows = 0;
    while (await reader.ReadAsync())
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _ = reader.GetValue(i);
        }

        rows++;
    }

    return rows;
});

var counting = new CountingStream();
var (csvMs, _, csvGrowth) = await Measure(async () =>
{
    await using var db = Context();
    var version = (await new ResponseList(db).VersionAsync(consultationId))!;
    await using var writer = new StreamWriter(counting, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
    await new ResponsesCsv(db, new AuditLog(db, TimeProvider.System)).ExportAsync(version, writer, new Actor(Guid.Empty, "bench"));
    await writer.FlushAsync();
    return 0L;
});

Console.WriteLine("| step | time | managed heap growth (peak) | working set growth (peak) | allocated |");
Console.WriteLine("|---|---|---|---|---|");
Console.WriteLine(string.Create(culture, $"| baseline: raw reader over the same {rawRows:N0} rows | {rawMs / 1000:F1} s | {rawGrowth.Heap / 1048576.0:F1} MiB | {rawGrowth.WorkingSet / 1048576.0:F1} MiB | {rawGrowth.Allocated / 1048576.0:N0} MiB |"));
Console.WriteLine(string.Create(culture, $"| full CSV export, {seeded.Responses:N0} responses, {counting.Length / 1048576.0:F1} MiB of CSV | {csvMs / 1000:F1} s | {csvGrowth.Heap / 1048576.0:F1} MiB | {csvGrowth.WorkingSet / 1048576.0:F1} MiB | {csvGrowth.Allocated / 1048576.0:N0} MiB |"));
Console.WriteLine(string.Create(culture, $"export time ratio CSV / raw reader: {csvMs / rawMs:F1}x; target peak growth < 100 MB: {(Math.Max(csvGrowth.Heap, csvGrowth.WorkingSet) < 100_000_000 ? "met" : "NOT met")}"));
Console.WriteLine(string.Create(culture, $"load average at the end {LoadAverage()}"));
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

// Runs the step with memory sampled every 10 ms: the peak managed heap and working set above what they were before.
static async Task<(double Ms, long Result, (long Heap, long WorkingSet, long Allocated) Growth)> Measure(Func<Task<long>> step)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var heapBefore = GC.GetTotalMemory(true);
    var workingSetBefore = process.WorkingSet64;
    var allocatedBefore = GC.GetTotalAllocatedBytes(true);
    long heapPeak = heapBefore, workingSetPeak = workingSetBefore;
    using var cancel = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!cancel.IsCancellationRequested)
        {
            heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
            process.Refresh();
            workingSetPeak = Math.Max(workingSetPeak, process.WorkingSet64);
            await Task.Delay(10);
        }
    });
    var watch = Stopwatch.StartNew();
    var result = await step();
    var ms = watch.Elapsed.TotalMilliseconds;
    await cancel.CancelAsync();
    await sampler;
    return (ms, result, (heapPeak - heapBefore, workingSetPeak - workingSetBefore, GC.GetTotalAllocatedBytes(true) - allocatedBefore));
}

static IEnumerable<(string Kind, string Name, ResponseFilter Filter)> Filters(Seeded seeded)
{
    yield return ("none", "no filter", new ResponseFilter());
    yield return ("none", "no filter, page 500", new ResponseFilter { Page = 500 });
    foreach (var type in Enum.GetValues<RespondentType>())
    {
        yield return ("one field", "type " + type, new ResponseFilter { RespondentType = type });
    }

    foreach (var channel in Enum.GetValues<ResponseChannel>())
    {
        yield return ("one field", "channel " + channel, new ResponseFilter { Channel = channel });
    }

    foreach (var state in Enum.GetValues<ModerationState>())
    {
        yield return ("one field", "moderation " + state, new ResponseFilter { Moderation = state });
    }

    for (var week = 0; week < 10; week += 2)
    {
        var from = DateOnly.FromDateTime(Seed.Start).AddDays(week * 7);
        yield return ("date range", $"week {week}", new ResponseFilter { ReceivedFrom = from, ReceivedTo = from.AddDays(6) });
    }

    foreach (var question in Seed.Questions.Where(q => q.HasChoices))
    {
        foreach (var option in ResponseRules.OptionsOf(question).Take(3))
        {
            yield return ("answer", $"{question.Key} = {option}", new ResponseFilter { Choice = new ChoiceFilter(question.Key, option, question.Type == QuestionType.MultipleChoice) });
        }
    }

    foreach (var theme in seeded.ThemeIds.Take(5))
    {
        yield return ("theme", "theme " + theme, new ResponseFilter { ThemeId = theme });
    }

    foreach (var term in new[] { "transport", "Healthwatch", "dementia", "zzzz-not-there", seeded.SampleReference })
    {
        yield return ("search", "search " + term, new ResponseFilter { Search = term });
    }

    yield return ("combined", "individual, online, agree", new ResponseFilter { RespondentType = RespondentType.Individual, Channel = ResponseChannel.Online, Choice = new ChoiceFilter("q1", "Agree", false) });
    yield return ("combined", "organisation, week 2, not moderated", new ResponseFilter { RespondentType = RespondentType.Organisation, ReceivedFrom = DateOnly.FromDateTime(Seed.Start).AddDays(14), ReceivedTo = DateOnly.FromDateTime(Seed.Start).AddDays(20), Moderation = ModerationState.None });
    yield return ("combined", "theme and disagree", new ResponseFilter { ThemeId = seeded.ThemeIds[0], Choice = new ChoiceFilter("q2", "Disagree", false) });
    yield return ("combined", "letters mentioning transport", new ResponseFilter { Channel = ResponseChannel.Letter, Search = "transport" });
    yield return ("combined", "campaign, mc = A&E, page 3", new ResponseFilter { Moderation = ModerationState.Campaign, Choice = new ChoiceFilter("mc", "A&E", true), Page = 3 });
}

internal sealed record Seeded(Guid ConsultationId, int Responses, long Answers, long Tags, bool Created, IReadOnlyList<Guid> ThemeIds, string SampleReference);

/// <summary>Synthetic responses written with prepared statements in one transaction (far quicker than EF for 100k rows).</summary>
internal static class Seed
{
    public static readonly DateTime Start = new(2020, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    public static readonly IReadOnlyList<Question> Questions =
    [
        new() { Key = "q1", Number = 1, Text = "Do you agree that giving ICSs a statutory footing from 2022 provides the right foundation?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain your answer" },
        new() { Key = "q2", Number = 2, Text = "Do you agree that option 2 offers a model that provides greater incentive for collaboration?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain your answer" },
        new() { Key = "q3", Number = 3, Text = "Do you agree that membership should be sufficiently permissive?", Type = QuestionType.AgreeDisagree },
        new() { Key = "q4", Number = 4, Text = "Do you agree that services commissioned by NHSE should be transferred or delegated to ICS bodies?", Type = QuestionType.AgreeDisagree },
        new() { Key = "sc", Number = 5, Text = "Where do you go first for care?", Type = QuestionType.SingleChoice, Options = ["GP", "Pharmacy", "NHS 111", "Other"] },
        new() { Key = "mc", Number = 6, Text = "Which services have you used this year?", Type = QuestionType.MultipleChoice, Options = ["GP", "A&E", "Community nursing", "Mental health services", "Other, please specify"] },
        new() { Key = "ft", Number = 7, Text = "What matters most to you about health and care where you live?", Type = QuestionType.FreeText },
    ];

    private static readonly string[] Words = ["transport", "waiting lists", "dementia support", "Healthwatch", "social care", "GP appointments", "mental health", "carers", "community hospital", "pharmacy", "district nurses", "digital access", "funding", "staff shortages", "rural areas"];
    private static readonly string[] Themes = ["Access", "Transport", "Workforce", "Funding", "Place-based care", "Accountability", "Digital exclusion", "Carers", "Prevention", "Voluntary sector", "Mental health", "Waiting times"];

    public static async Task<Seeded> EnsureAsync(Func<PortalDbContext> context, string path, int count)
    {
        var created = !File.Exists(path);
        await using (var db = context())
        {
            await PortalDatabase.MigrateAsync(db);
            if (!await db.Consultations.AnyAsync(c => c.Slug == "bench-responses"))
            {
                var consultation = new Consultation { Id = Guid.NewGuid(), Slug = "bench-responses", Origin = ContentOrigin.BackOffice, CreatedUtc = Start };
                var version = new ConsultationVersion
                {
                    Id = Guid.NewGuid(),
                    ConsultationId = consultation.Id,
                    Number = 1,
                    State = VersionState.Published,
                    Title = "Integrating care (benchmark)",
                    Summary = "Synthetic responses.",
                    Body = "Body.",
                    ContentHash = "bench",
                    Questions = [.. Questions],
                    AuthoredOpensUtc = Start,
                    AuthoredClosesUtc = Start.AddDays(70),
                };
                version.ApplyDemoShift(0);
                consultation.Versions.Add(version);
                db.Consultations.Add(consultation);
                await db.SaveChangesAsync();
                created = true;
            }
        }

        await using (var db = context())
        {
            var consultationId = await db.Consultations.Where(c => c.Slug == "bench-responses").Select(c => c.Id).SingleAsync();
            if (await db.Responses.CountAsync(r => r.ConsultationId == consultationId) < count)
            {
                await InsertAsync(db, consultationId, count);
                created = true;
            }

            var themes = await db.CodingThemes.Where(t => t.ConsultationId == consultationId).OrderBy(t => t.Name).Select(t => t.Id).ToListAsync();
            return new Seeded(
                consultationId,
                await db.Responses.CountAsync(r => r.ConsultationId == consultationId),
                await db.ResponseAnswers.LongCountAsync(a => a.ConsultationId == consultationId),
                await db.AnswerThemes.LongCountAsync(),
                created,
                themes,
                await db.Responses.Where(r => r.ConsultationId == consultationId).OrderBy(r => r.Reference).Select(r => r.Reference).FirstAsync());
        }
    }

    private static async Task InsertAsync(PortalDbContext db, Guid consultationId, int count)
    {
        var versionId = await db.ConsultationVersions.Where(v => v.ConsultationId == consultationId).Select(v => v.Id).SingleAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var c = consultationId.ToString().ToUpperInvariant();
        var themeIds = Themes.Select(_ => Guid.NewGuid().ToString().ToUpperInvariant()).ToArray();
        for (var i = 0; i < Themes.Length; i++)
        {
            await ExecuteAsync(connection, transaction, """INSERT INTO "coding_themes" ("Id", "ConsultationId", "QuestionKey", "Name", "CreatedUtc") VALUES ($id, $c, 'ft', $name, '2020-11-01 08:00:00')""", ("$id", themeIds[i]), ("$c", c), ("$name", Themes[i]));
        }

        using var response = Command(connection, transaction, """
            INSERT INTO "responses" ("Id", "ConsultationId", "ConsultationVersionId", "Reference", "IdempotencyKey", "RespondentType", "OrganisationName", "Role", "PostcodeDistrict", "Email", "PublishingConsent", "PublishedName", "Channel", "SubmittedUtc", "ModerationState", "ModerationReason", "UpdatedUtc")
            VALUES ($id, $c, $v, $ref, $key, $type, $org, $role, $pc, $email, 'DoNotPublish', NULL, $channel, $at, $mod, $reason, $at)
            """, "$id", "$c", "$v", "$ref", "$key", "$type", "$org", "$role", "$pc", "$email", "$channel", "$at", "$mod", "$reason");
        using var answer = Command(connection, transaction, """
            INSERT INTO "response_answers" ("Id", "ResponseId", "ConsultationId", "QuestionKey", "Choice", "Choices", "Text") VALUES ($id, $r, $c, $k, $choice, $choices, $text)
            """, "$id", "$r", "$c", "$k", "$choice", "$choices", "$text");
        using var tag = Command(connection, transaction, """INSERT INTO "answer_themes" ("ResponseAnswerId", "ThemeId", "TaggedUtc") VALUES ($a, $t, '2020-12-01 09:00:00')""", "$a", "$t");

        var faker = new Faker("en_GB");
        Randomizer.Seed = new Random(20201126);
        var agree = Question.AgreeDisagreeOptions.ToArray();
        long answerId = await db.ResponseAnswers.AnyAsync() ? await db.ResponseAnswers.MaxAsync(a => a.Id) : 0;
        var existing = await db.Responses.CountAsync(r => r.ConsultationId == consultationId);
        for (var n = existing; n < count; n++)
        {
            var id = Guid.NewGuid().ToString().ToUpperInvariant();
            var type = faker.Random.WeightedRandom([RespondentType.Individual, RespondentType.Organisation, RespondentType.PartnerOrganisation], [0.85f, 0.12f, 0.03f]);
            var channel = faker.Random.WeightedRandom(Enum.GetValues<ResponseChannel>(), [0.86f, 0.03f, 0.03f, 0.02f, 0.02f, 0.01f, 0.01f, 0.02f]);
            var moderation = faker.Random.WeightedRandom(Enum.GetValues<ModerationState>(), [0.93f, 0.02f, 0.03f, 0.01f, 0.01f]);
            var at = Start.AddSeconds(faker.Random.Int(0, 70 * 24 * 3600));
            Bind(response, id, c, versionId.ToString().ToUpperInvariant(), ResponseReference.Format("ICS", n + 1), "bench-" + id, type.ToString(),
                type == RespondentType.Individual ? null : faker.Company.CompanyName(), type == RespondentType.Individual ? null : faker.Name.JobTitle(),
                faker.Random.Bool(0.6f) ? faker.Address.ZipCode()[..3].Trim() : null, faker.Random.Bool(0.5f) ? faker.Internet.Email() : null,
                channel.ToString(), at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), moderation.ToString(), moderation == ModerationState.None ? null : faker.Lorem.Sentence());
            await response.ExecuteNonQueryAsync();

            async Task Answer(string key, string? choice, string choices, string? text)
            {
                Bind(answer, ++answerId, id, c, key, choice, choices, text);
                await answer.ExecuteNonQueryAsync();
            }

            foreach (var key in new[] { "q1", "q2", "q3", "q4" })
            {
                await Answer(key, faker.PickRandom(agree), "[]", null);
                if (key is "q1" or "q2" && faker.Random.Bool(0.4f))
                {
                    await Answer(key + "-explain", null, "[]", Text(faker));
                }
            }

            await Answer("sc", faker.PickRandom(Questions[4].Options.ToArray()), "[]", null);
            await Answer("mc", null, JsonSerializer.Serialize(faker.PickRandom(Questions[5].Options.ToArray(), faker.Random.Int(1, 3)).ToList()), null);
            await Answer("ft", null, "[]", Text(faker));
            if (faker.Random.Bool(0.1f))
            {
                foreach (var theme in faker.PickRandom(themeIds, faker.Random.Int(1, 2)))
                {
                    Bind(tag, answerId, theme);
                    await tag.ExecuteNonQueryAsync();
                }
            }
        }

        await transaction.CommitAsync();
    }

    /// <summary>About 300 characters: Bogus sentences with the domain's words mixed in, as officers would search for.</summary>
    private static string Text(Faker faker) =>
        $"{faker.Lorem.Sentence(8)} {char.ToUpperInvariant(faker.PickRandom(Words)[0])}{faker.PickRandom(Words)[1..]} matters because {faker.PickRandom(Words)} in {faker.Address.City()} is {faker.Lorem.Word()}. {faker.Lorem.Sentences(2)}";

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A write-only stream that keeps nothing and counts the bytes: the export's destination.</summary>
internal sealed class CountingStream : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Position;

    public override long Position { get; set; }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Position += count;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Position += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
