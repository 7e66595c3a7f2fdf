using System.Text.Json;
using System.Text.Json.Serialization;

namespace EngagementPortal.Core.Responses;

/// <summary>
/// Everything a person has given so far in a responding journey, kept as JSON in <see cref="ResponseJourney.State"/>.
/// Steps write their part; <see cref="JourneyCoordinator"/> decides where to go next; nothing becomes a response
/// until check-answers submits.
/// </summary>
public sealed class JourneyState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Unique per journey: two submits of one journey (double click, two tabs) are one response. Time-ordered
    /// (version 7), so the unique index on it grows at its end (docs/adr/0152).</summary>
    public string IdempotencyKey { get; set; } = Guid.CreateVersion7().ToString("N");

    public RespondentType? RespondentType { get; set; }

    public string? OrganisationName { get; set; }

    public string? Role { get; set; }

    public string? PostcodeDistrict { get; set; }

    public string? Email { get; set; }

    /// <summary>Answers by question key (and explanation key for the follow-up text).</summary>
    public Dictionary<string, AnswerState> Answers { get; set; } = new(StringComparer.Ordinal);

    public EqualityAnswers? Equality { get; set; }

    public PublishingConsent? Publishing { get; set; }

    public string? PublishedName { get; set; }

    /// <summary>Steps the person has saved at least once (their ids, see <see cref="JourneyCoordinator"/>).</summary>
    public HashSet<string> Completed { get; set; } = new(StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static JourneyState FromJson(string json) => JsonSerializer.Deserialize<JourneyState>(json, Json) ?? new JourneyState();
}

public sealed class AnswerState
{
    public string? Choice { get; set; }

    public List<string> Choices { get; set; } = [];

    public string? Text { get; set; }

    [JsonIgnore]
    public bool IsEmpty => Choice is null && Choices.Count == 0 && string.IsNullOrEmpty(Text);
}

public sealed class EqualityAnswers
{
    public string? AgeBand { get; set; }

    public string? Sex { get; set; }

    public string? Disability { get; set; }

    public string? Ethnicity { get; set; }

    [JsonIgnore]
    public bool IsEmpty => AgeBand is null && Sex is null && Disability is null && Ethnicity is null;
}
