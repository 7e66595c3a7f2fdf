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

    /// <summary>When the nightly collation runs while a consultation is open, on the UK wall clock.</summary>
    public TimeOnly NightlyAtUkTime { get; set; } = new(1, 30);

    /// <summary>The final collation runs this many hours before the partnership deadline (and again at close).</summary>
    [Range(1, 24 * 30)]
    public int FinalLeadHours { get; set; } = 48;

    /// <summary>A failed scheduled collation is tried again this many times, waiting <see cref="RetryFirstDelay"/>, then twice as long each time.</summary>
    [Range(0, 20)]
    public int RetryAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A run still "running" after this long was left by a process that stopped; it is marked failed and the collation runs again.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A scheduled collation missed (the portal was down) is still run if it is no older than this.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(2);
}
