using System.Diagnostics;
using System.Globalization;
using EngagementPortal.Bench.Collation;
using EngagementPortal.Core.Collation.Themes;

var mode = args.Length > 0 ? args[0] : "collation";
if (mode == "themes")
{
    // Theme-suggestion quality as the issue scores it: per file, mean of seeds 1-5, settings (b) and (a), plus the baseline.
    var files = Directory.GetFiles(args.Length > 1 ? args[1] : "../shared/testdata/themes", "*.jsonl").Order(StringComparer.Ordinal).ToList();
    var seeds = args.Length > 2 ? args[2].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : [1, 2, 3, 4, 5];
    foreach (var file in files)
    {
        var answers = await ThemeTestData.ReadAsync(file);
        foreach (var (name, fraction, baseline) in new (string, double?, bool)[] { ("b", 0.1, false), ("b, baseline k-NN vote", 0.1, true), ("a", null, false) })
        {
            var watch = Stopwatch.StartNew();
            var scores = seeds.Select(seed => ThemeEvaluation.Score(ThemeEvaluation.Suggest(answers, fraction, seed, baseline: baseline), matchThemes: fraction is null)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)} setting ({name}): mean F1 {scores.Average():F3} over seeds [{string.Join(", ", scores.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}] in {watch.Elapsed.TotalSeconds:F1} s"));
        }
    }

    return 0;
}

if (mode == "probe")
{
    var text = "I think joined-up care at place level would help people leave hospital sooner, and the statutory footing must not weaken the voice of local councils and Healthwatch. Also rural transport makes access to services difficult for older residents, which matters in Hull (ref 12345).";
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var w = Stopwatch.StartNew();
    for (var k = 0; k < 20000; k++) { _ = TfIdf.TermsOf(text); }
    Console.WriteLine($"TermsOf x20k {w.ElapsedMilliseconds} ms");
    w.Restart();
    for (var k = 0; k < 20000; k++) { _ = EngagementPortal.Core.Collation.NearDuplicates.Signature(text); }
    Console.WriteLine($"Signature x20k {w.ElapsedMilliseconds} ms");
    w.Restart();
    for (var k = 0; k < 20000; k++) { _ = TextTokens.RawWords(text); }
    Console.WriteLine($"RawWords x20k {w.ElapsedMilliseconds} ms");
    Console.WriteLine($"cpu total {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds} ms");
    return 0;
}

if (mode == "build")
{
    return CollationBenchmark.BuildOnly(int.Parse(args[1], CultureInfo.InvariantCulture));
}

if (mode == "database")
{
    return await DatabaseBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, args.Length > 3 && args[2] == "--seeded" ? args[3] : null);
}

if (mode == "collation")
{
    return CollationBenchmark.Run(args.Skip(1).ToArray());
}

Console.Error.WriteLine("usage: themes [folder] [seeds] | collation [responses] | database [responses] [--seeded file]");
return 1;
