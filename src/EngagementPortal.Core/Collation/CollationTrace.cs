using System.Diagnostics;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// The phases of a collation as activities (build: tallies, themes, campaigns; hash; store), so a listener can tell
/// where a run's time goes: the database benchmark does, and an OpenTelemetry exporter could. Nothing is recorded, and
/// almost nothing spent, while nobody listens.
/// </summary>
public static class CollationTrace
{
    public const string SourceName = "EngagementPortal.Collation";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a phase; dispose it to end it. Null when nobody listens.</summary>
    internal static Activity? Phase(string name) => Source.StartActivity(name);
}
