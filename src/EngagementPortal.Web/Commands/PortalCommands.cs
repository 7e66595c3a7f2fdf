using System.Globalization;
using System.Text;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Collation.Themes;
using EngagementPortal.Core.Content;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Exports.Csv;
using EngagementPortal.Core.Exports.Docx;
using EngagementPortal.Core.Exports.Pdf;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Commands;

/// <summary>
/// The portal's command line, run instead of the web host when the first argument names a command:
/// <c>collate &lt;slug&gt; --out &lt;folder&gt;</c>, <c>seed-demo --responses N [--consultation slug] [--seed 1]</c> and
/// <c>themes --in &lt;file.jsonl&gt; --out &lt;file.jsonl&gt; [--coded-fraction 0.1] [--seed 1]</c>. Commands that touch the
/// database build the same services as the site (same configuration, migrations and content import), with jobs off.
/// </summary>
public static class PortalCommands
{
    public const string Usage = """
        Commands:
          collate <slug> --out <folder>                        collate a consultation now; writes snapshot.json, .csv, .docx and .pdf
          seed-demo --responses N [--consultation <slug>] [--seed 1]   add N synthetic responses (demonstrations, benchmarks)
          themes --in <file.jsonl> --out <file.jsonl> [--coded-fraction 0.1] [--seed 1]   suggest themes for answers in a file
        """;

    private static readonly string[] Names = ["collate", "seed-demo", "themes"];

    public static bool Recognises(string[] args) => args.Length > 0 && Names.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs one command; returns the process exit code (0 success, 1 failure, 2 usage).</summary>
    public static async Task<int> RunAsync(string[] args, string portalRoot, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var (positional, named) = Parse(args.Skip(1));
            return args[0] switch
            {
                "collate" when positional.Count == 1 && named.TryGetValue("out", out var folder) => await CollateAsync(positional[0], folder, portalRoot, output, errors, settings, cancellationToken),
                "seed-demo" when named.TryGetValue("responses", out var n) && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) =>
                    await SeedDemoAsync(named.GetValueOrDefault("consultation") ?? "integrating-care", count, Seed(named), portalRoot, output, errors, settings, cancellationToken),
                "themes" when named.TryGetValue("in", out var inPath) && named.TryGetValue("out", out var outPath) => await ThemesAsync(inPath, outPath, named, output, errors, cancellationToken),
                _ => UsageError(errors),
            };
        }
        catch (FormatException e)
        {
            await errors.WriteLineAsync(e.Message);
            return UsageError(errors);
        }
    }

    private static async Task<int> CollateAsync(string slug, string folder, string portalRoot, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        await using var app = await BuildAsync(portalRoot, settings);
        await using var scope = app.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<CollationReader>();
        var source = await reader.OpenAsync(slug, cancellationToken);
        if (source is null)
        {
            await errors.WriteLineAsync($"No consultation \"{slug}\".");
            return 1;
        }

        var result = await scope.ServiceProvider.GetRequiredService<CollationRunner>().RunAsync(source.ConsultationId, CollationTrigger.CommandLine, cancellationToken: cancellationToken);
        if (!result.Succeeded || result.Snapshot is not { } snapshot)
        {
            await errors.WriteLineAsync($"Collation failed: {result.Problem}");
            return 1;
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "snapshot.json"), SnapshotJson.Serialize(snapshot), new UTF8Encoding(false), cancellationToken);
        await using (var csv = new StreamWriter(Path.Combine(folder, "snapshot.csv"), false, new UTF8Encoding(true)))
        {
            await SnapshotCsv.WriteAsync(snapshot, csv, cancellationToken);
        }

        await using (var docx = File.Create(Path.Combine(folder, "snapshot.docx")))
        {
            SnapshotDocx.Write(snapshot, source.Title, docx);
        }

        // PDF through the same writer as a version's export, honouring Exports:Pdf:Enabled (docs/adr/0006): when it is
        // off or the fonts are missing, the other files are still written and the command says why there is no PDF.
        var pdfOptions = scope.ServiceProvider.GetRequiredService<IOptions<PdfExportOptions>>().Value;
        var pdfPath = Path.Combine(folder, "snapshot.pdf");
        PdfWriteResult pdf;
        await using (var stream = new MemoryStream())
        {
            pdf = PartnershipResponsePdf.Write(PartnershipDocument.EvidenceOnly(source.Title, snapshot), stream, pdfOptions);
            if (pdf.Written)
            {
                await File.WriteAllBytesAsync(pdfPath, stream.ToArray(), cancellationToken);
            }
        }

        if (!pdf.Written)
        {
            await output.WriteLineAsync($"No PDF written: {pdf.Problem}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Collated {result.Run!.ResponsesCounted} responses of \"{slug}\" ({snapshot.Content.Responses.Overall} counted, {snapshot.Content.Responses.Campaign} campaign); hash {snapshot.ContentHash}; written to {Path.GetFullPath(folder)}."));
        return 0;
    }

    private static async Task<int> SeedDemoAsync(string slug, int count, int seed, string portalRoot, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        await using var app = await BuildAsync(portalRoot, settings);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoResponses>().SeedAsync(slug, count, seed, cancellationToken);
        if (!result.Succeeded)
        {
            await errors.WriteLineAsync(result.Problem);
            return 1;
        }

        // The demo is searched at once, often with the portal's jobs off: index its answers now rather than at the first search.
        var indexed = await scope.ServiceProvider.GetRequiredService<AnswerTextIndex>().CatchUpAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Added {result.Responses} responses to \"{slug}\" ({result.PartnerSubmissions} partner submissions, {result.Coded} answers coded, {indexed} answers indexed for search)."));
        return 0;
    }

    private static async Task<int> ThemesAsync(string inPath, string outPath, IReadOnlyDictionary<string, string> named, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        double? fraction = named.TryGetValue("coded-fraction", out var text)
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : throw new FormatException($"--coded-fraction {text} is not a number.")
            : null;
        var result = await ThemesCommand.RunAsync(inPath, outPath, fraction, Seed(named), cancellationToken);
        if (!result.Succeeded)
        {
            await errors.WriteLineAsync(result.Problem);
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Suggested themes for {result.Answers} answers ({result.Coded} kept as coded) into {outPath}."));
        return 0;
    }

    /// <summary>The site's own services over the configured database, migrated and with content imported; jobs stay off.</summary>
    private static async Task<WebApplication> BuildAsync(string portalRoot, IReadOnlyDictionary<string, string?>? settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(portalRoot, "wwwroot"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning" });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddPortal(portalRoot);
        var app = builder.Build();

        // Migrations and content as at start, but not the accounts step: a command must not issue a new setup link
        // (that would replace the one a running site printed).
        await using var scope = app.Services.CreateAsyncScope();
        await PortalDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
        var content = scope.ServiceProvider.GetRequiredService<IOptions<ContentOptions>>().Value;
        if (!content.IsUmbraco)
        {
            await scope.ServiceProvider.GetRequiredService<ContentStartup>().RunAsync(scope.ServiceProvider.GetRequiredService<PortalPaths>().Resolve(content.PackagesPath));
        }

        return app;
    }

    private static int Seed(IReadOnlyDictionary<string, string> named) =>
        named.TryGetValue("seed", out var text)
            ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : throw new FormatException($"--seed {text} is not a whole number.")
            : 1;

    private static (List<string> Positional, Dictionary<string, string> Named) Parse(IEnumerable<string> args)
    {
        var positional = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            if (e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                var name = e.Current[2..];
                named[name] = e.MoveNext() ? e.Current : throw new FormatException($"--{name} needs a value.");
            }
            else
            {
                positional.Add(e.Current);
            }
        }

        return (positional, named);
    }

    private static int UsageError(TextWriter errors)
    {
        errors.WriteLine(Usage);
        return 2;
    }
}
