using System.Diagnostics;
using System.Globalization;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Bench.Collation;

/// <summary>
/// Scale benchmark of the pure collator: synthetic responses (4 agree/disagree and 4 free-text answers of
/// about 300 characters, planted campaigns, 5% coded, partners, places, equality) generated on the fly and
/// streamed in, so the figures are the collator's own. Reports full runs at 10k and 100k, their ratio, an
/// incremental run of 1,000 new responses, the hashes (incremental must equal full) and memory.
/// </summary>
internal static class CollationBenchmark
{
    // Sentence templates with three slots each, filled from the lists below: about 10^5 variants a sentence,
    // so answers overlap in words as real ones do without being near-copies of each other.
    private static readonly string[] Templates =
    [
        "{0} at {2} level would help {1} leave hospital sooner",
        "the statutory footing must not weaken the voice of {0} and {1} in {2}",
        "{1} need money for {0} before any reorganisation in {2}",
        "accountability to {1} is unclear when {0} decisions move to the board for {2}",
        "{0} should have a formal seat at the partnership board, as {1} in {2} keep saying",
        "transport makes access to {0} difficult for {1} living around {2}",
        "waiting lists for {0} are far too long for {1} in {2}",
        "staff in {0} are paid too little and {1} notice the gaps across {2}",
        "digital appointments for {0} exclude {1} without smartphones in {2}",
        "{0} should publish decisions and minutes so {1} in {2} can follow them",
        "{1} need respite and a single contact for {0} across {2}",
        "prevention budgets for {0} should be protected because {1} in {2} depend on them",
    ];

    private static readonly string[] Services = ["mental health services", "community nursing", "social care", "primary care networks", "the provider collaborative", "district nurses", "dementia support", "maternity services", "the voluntary sector", "pharmacy services", "urgent care", "learning disability services", "hospice care", "public health teams", "GP practices"];
    private static readonly string[] People = ["older residents", "young carers", "families", "people with disabilities", "veterans", "new parents", "students", "shift workers", "people on low incomes", "rural households", "patients", "carers", "local councillors", "Healthwatch volunteers", "teenagers"];
    private static readonly string[] Themes = ["Place-based care", "Accountability", "Workforce", "Access", "Funding", "Voluntary sector"];
    private static readonly string[] Places = ["Hull", "East Riding", "North Lincolnshire", "North East Lincolnshire", "York", "North Yorkshire", "Scarborough"];
    private static readonly string[] Ages = ["16 to 24", "25 to 44", "45 to 64", "65 to 74", "75 or over"];
    private const string Campaign = "Save our community hospital and its minor injuries unit: local people rely on it day and night, and the nearest alternative is forty minutes away by car and longer by bus. Do not close it.";

    public static int BuildOnly(int count)
    {
        var full = new Collator(TimeProvider.System).CollateAsync(Definition(), new CollationOptions(), Generate(0, count)).GetAwaiter().GetResult();
        Console.Error.WriteLine("BUILD ALONE");
        var pause = GC.GetTotalPauseDuration();
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var hash = Collator.Build(full.State, DateTimeOffset.UnixEpoch).ContentHash;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s, GC pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s, collections {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build {watch.Elapsed.TotalSeconds:F2} s {hash}"));
        return 0;
    }

    public static int Run(string[] args)
    {
        var large = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var small = large / 10;
        var definition = Definition();
        var options = new CollationOptions();
        var collator = new Collator(TimeProvider.System);
        return Run(definition, options, collator, large, small);
    }

    private static CollationDefinition Definition() => new CollationDefinition
    {
        ConsultationSlug = "integrating-care",
        Places = Places,
        InvitedOrganisations = Enumerable.Range(0, 40).Select(i => $"Partner organisation {i:D2}").ToList(),
        Questions = Enumerable.Range(1, 8).Select(n => new Question
        {
            Key = $"q{n}",
            Number = n,
            Text = n <= 4 ? $"Do you agree with proposal {n}?" : $"Please tell us more about proposal {n - 4}.",
            Type = n <= 4 ? QuestionType.AgreeDisagree : QuestionType.FreeText,
        }).ToList(),
    };

    private static int Run(CollationDefinition definition, CollationOptions options, Collator collator, int large, int small)
    {
        // The machine is shared: the load average says how far wall times can be trusted (compare CPU when it is high).
        var loadAtStart = LoadAverage();

        // Warm-up so JIT time is not counted in the first figure.
        _ = collator.CollateAsync(definition, options, Generate(0, 2_000)).GetAwaiter().GetResult();
        GC.Collect();

        // The large full run first, so the process's peak working set is that run's (later steps hold several states at once).
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full {large:N0}:"));
        var (largeTime, full) = Time(() => collator.CollateAsync(definition, options, Generate(0, large)).GetAwaiter().GetResult());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        // The portal stores the content's JSON and lets it go (CollationRunner); only the state is carried on.
        full = full with { ContentJson = null };
        var heapAfterFull = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"incremental +1,000:"));
        var (incrementalTime, incremental) = Time(() => collator.UpdateAsync(full.State, Generate(large, 1_000)).GetAwaiter().GetResult());
        full = null!;
        GC.Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full {large + 1_000:N0} (reference for the hash):"));
        var (_, reference) = Time(() => collator.CollateAsync(definition, options, Generate(0, large + 1_000)).GetAwaiter().GetResult());
        var hashesEqual = incremental.Snapshot.ContentHash == reference.Snapshot.ContentHash;
        incremental = null!;
        reference = null!;
        GC.Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full {small:N0}:"));
        var (smallTime, _) = Time(() => collator.CollateAsync(definition, options, Generate(0, small)).GetAwaiter().GetResult());

        var i = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(i, $"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, workstation GC, load average at the start {loadAtStart}, at the end {LoadAverage()}"));
        Console.WriteLine(string.Create(i, $"full collation of {small:N0} responses: {smallTime.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(i, $"full collation of {large:N0} responses: {largeTime.TotalSeconds:F2} s (ratio to {small:N0}: {largeTime / smallTime:F1}x)"));
        Console.WriteLine(string.Create(i, $"incremental run, +1,000 responses on {large:N0}: {incrementalTime.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(i, $"incremental hash equals full-run hash of {large + 1_000:N0}: {hashesEqual}"));
        Console.WriteLine(string.Create(i, $"allocated during the {large:N0} run: {allocated / 1048576.0:F0} MiB; live heap after it (state + snapshot): {heapAfterFull / 1048576.0:F0} MiB; process peak working set up to the end of that run: {peak / 1048576.0:F0} MiB"));
        return hashesEqual ? 0 : 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static (TimeSpan Elapsed, T Result) Time<T>(Func<T> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = action();
        var elapsed = watch.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (wall {elapsed.TotalSeconds:F2} s, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s)"));
        return (elapsed, result);
    }

    /// <summary>Deterministic synthetic responses; each response's content depends only on its number.</summary>
    private static IEnumerable<CollationAnswerSet> Generate(int from, int count)
    {
        var start = new DateTimeOffset(2020, 11, 26, 9, 0, 0, TimeSpan.Zero);
        for (var n = from; n < from + count; n++)
        {
            var random = new Random(n);
            var isCampaign = random.Next(20) == 0;
            var type = random.Next(100) switch
            {
                < 90 => RespondentType.Individual,
                < 98 => RespondentType.OrganisationPublic,
                _ => RespondentType.PartnerSubmission,
            };
            var answers = new List<CollationAnswer>(8);
            for (var q = 1; q <= 4; q++)
            {
                if (random.Next(10) != 0)
                {
                    answers.Add(new CollationAnswer { QuestionKey = $"q{q}", Choices = [Question.AgreeDisagreeOptions[random.Next(6)]] });
                }
            }

            for (var q = 5; q <= 8; q++)
            {
                if (random.Next(8) == 0)
                {
                    continue;
                }

                string text;
                string[] themes = [];
                if (isCampaign && q == 5)
                {
                    text = random.Next(3) == 0 ? Campaign + " Thank you." : Campaign;
                }
                else
                {
                    var first = random.Next(Templates.Length);
                    string Sentence(int template) => string.Format(CultureInfo.InvariantCulture, Templates[template], Services[random.Next(Services.Length)], People[random.Next(People.Length)], Places[random.Next(Places.Length)]);
                    text = $"I think {Sentence(first)}. Also {Sentence(random.Next(Templates.Length))}, and {Sentence(random.Next(Templates.Length))}.";
                    if (random.Next(20) == 0)
                    {
                        themes = [Themes[first % Themes.Length]];
                    }
                }

                answers.Add(new CollationAnswer { QuestionKey = $"q{q}", Text = text, Themes = themes });
            }

            yield return new CollationAnswerSet
            {
                ResponseId = $"R{n:D7}",
                RespondentType = type,
                Channel = random.Next(10) == 0 ? "Paper" : "Online",
                Place = random.Next(12) == 0 ? null : Places[random.Next(Places.Length)],
                Moderation = isCampaign ? ModerationState.Campaign : random.Next(100) switch { 0 => ModerationState.Duplicate, 1 => ModerationState.Spam, 2 => ModerationState.Withdrawn, _ => ModerationState.None },
                Consent = (PublishingConsent)random.Next(3),
                RespondentKey = $"person-{random.Next(1_000_000)}",
                UpdatedAt = start.AddSeconds(n),
                Partner = type == RespondentType.PartnerSubmission ? new PartnerDetails($"Partner organisation {random.Next(40):D2}", random.Next(2) == 0 ? "Signed off by the board" : "Draft") : null,
                Equality = new Dictionary<string, string> { ["Age"] = Ages[random.Next(Ages.Length)] },
                Answers = answers,
            };
        }
    }
}
