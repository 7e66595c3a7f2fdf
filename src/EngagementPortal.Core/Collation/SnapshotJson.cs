using System.Text.Json;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// How a snapshot is stored in <see cref="CollationRun.SnapshotJson"/> and written by the command line. Reading it
/// back gives the same content, so its hash can be checked again (<see cref="Collator.Hash"/>).
/// </summary>
public static class SnapshotJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string Serialize(CollationSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static CollationSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<CollationSnapshot>(json, Options) ?? throw new JsonException("The stored snapshot is empty.");
}
