namespace EngagementPortal.Core.Responses;

/// <summary>The equality monitoring questions, following the Office for National Statistics' 2021 Census wording.</summary>
public static class EqualityQuestions
{
    public const string PreferNotToSay = "Prefer not to say";

    public static readonly IReadOnlyList<string> AgeBands =
        ["Under 18", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", "75 or over", PreferNotToSay];

    public static readonly IReadOnlyList<string> Sexes = ["Female", "Male", PreferNotToSay];

    public static readonly IReadOnlyList<string> DisabilityAnswers = ["Yes", "No", PreferNotToSay];

    public static readonly IReadOnlyList<string> Ethnicities =
    [
        "Asian or Asian British",
        "Black, Black British, Caribbean or African",
        "Mixed or multiple ethnic groups",
        "White",
        "Other ethnic group",
        PreferNotToSay,
    ];
}
