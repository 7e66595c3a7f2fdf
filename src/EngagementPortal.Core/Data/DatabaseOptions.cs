namespace EngagementPortal.Core.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (the embedded default) or Postgres.</summary>
    public string Provider { get; set; } = "Sqlite";
}
