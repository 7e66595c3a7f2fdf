using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Core.Collation;

/// <summary>Settings under <c>Collation:</c>; validated at start-up.</summary>
public sealed class CollationOptions
{
    public const string Section = "Collation";

    /// <summary>Estimated Jaccard similarity of word 3-shingles at or above which two answers count as near-duplicates.</summary>
    [Range(0.3, 1.0)]
    public double NearDuplicateThreshold { get; set; } = 0.8;

    /// <summary>Near-duplicate groups with at least this many submissions are reported as campaigns.</summary>
    [Range(2, 100_000)]
    public int CampaignMinimumSubmissions { get; set; } = 5;

    /// <summary>Groups (places, equality answers) with fewer people than this are suppressed.</summary>
    [Range(1, 100)]
    public int SuppressBelow { get; set; } = 5;

    [Range(1, 20)]
    public int QuotesPerTheme { get; set; } = 3;

    /// <summary>Seed of theme clustering, so the same answers always give the same suggested themes.</summary>
    public int ThemeSeed { get; set; } = 1;

    /// <summary>Suggested themes are found on at most this many answers (a fixed, hash-chosen sample), then every answer is assigned.</summary>
    [Range(100, 1_000_000)]
    public int ThemeSampleLimit { get; set; } = 1500;
}
