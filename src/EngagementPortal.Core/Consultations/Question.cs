namespace EngagementPortal.Core.Consultations;

public enum QuestionType
{
    AgreeDisagree,
    SingleChoice,
    MultipleChoice,
    FreeText,
    YesNo,
}

/// <summary>
/// One question of a consultation version. <see cref="Key"/> is stable across versions (a package key,
/// an Umbraco element id or one the back office gives), so answers stay attached through wording fixes.
/// </summary>
public sealed record Question
{
    public const int DefaultMaxLength = 10_000;

    public static readonly IReadOnlyList<string> AgreeDisagreeOptions =
    [
        "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "Don't know",
    ];

    public static readonly IReadOnlyList<string> YesNoOptions = ["Yes", "No"];

    /// <summary>The option the question builder adds for "Other, please specify". The journey recognises any option
    /// starting "Other" (ResponseRules.IsOther): it shows a text box and keeps both the tick and the text.</summary>
    public const string OtherOption = "Other, please specify";

    public required string Key { get; init; }

    public required int Number { get; init; }

    public required string Text { get; init; }

    public string? Hint { get; init; }

    public required QuestionType Type { get; init; }

    public IReadOnlyList<string> Options { get; init; } = [];

    public bool Required { get; init; }

    /// <summary>Label of the optional free-text follow-up ("Please explain your answer"), or null for none.</summary>
    public string? FollowUpLabel { get; init; }

    /// <summary>Stable key of the follow-up (an Umbraco element id, say); defaults to the question's key with "-explain".</summary>
    public string? FollowUpKey { get; init; }

    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>Questions with the same group are asked on one page.</summary>
    public string? Group { get; init; }

    /// <summary>
    /// Null for a question's first meaning; 2, 3… once its type or options changed after it may have been answered
    /// (<see cref="QuestionRevisions"/>). Answers are stored against <see cref="AnswerKey"/>, so answers to the old
    /// meaning are never counted with answers to the new one.
    /// </summary>
    public int? Revision { get; init; }

    /// <summary>The key answers are stored against: <see cref="Key"/> for the first meaning, "key@2" after a change of meaning.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string AnswerKey => Revision is > 1 ? $"{Key}@{Revision.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : Key;

    public bool HasChoices => Type is not QuestionType.FreeText;

    public string ExplanationKey => FollowUpKey ?? Key + "-explain";
}
