using EngagementPortal.Core.Consultations;
using Microsoft.Extensions.Logging;

namespace EngagementPortal.Core.Content;

/// <summary>What happens to content when the portal starts: packages imported, the demonstration window applied.</summary>
public sealed partial class ContentStartup(ConsultationImport import, DemoWindow demo, ILogger<ContentStartup> logger)
{
    public async Task RunAsync(string packagesFolder, CancellationToken cancellationToken = default)
    {
        var items = ContentPackage.ReadConsultations(packagesFolder);
        var results = await import.ImportAsync(ContentOrigin.Package, items, cancellationToken);
        foreach (var result in results)
        {
            LogImported(result.Slug, result.Outcome, result.VersionNumber);
        }

        var shift = await demo.ApplyAsync(cancellationToken);
        if (shift != 0)
        {
            LogDemo(shift);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content package {Slug}: {Outcome} (version {Version})")]
    private partial void LogImported(string slug, ImportOutcome outcome, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demonstration window: every consultation's dates are shifted by {Days} days")]
    private partial void LogDemo(int days);
}
