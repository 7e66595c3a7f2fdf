using EngagementPortal.Core.Responses;

namespace EngagementPortal.Web.Pages.BackOffice.Responses;

/// <summary>How the responses pages name enum values to people.</summary>
public static class ResponseText
{
    public static string Type(RespondentType type) => type switch
    {
        RespondentType.Individual => "Individual",
        RespondentType.Organisation => "Organisation",
        RespondentType.PartnerOrganisation => "Partner organisation",
        _ => type.ToString(),
    };

    public static string Channel(ResponseChannel channel) => Core.Responses.DataRequests.ChannelText(channel);

    public static string Moderation(ModerationState state) => state switch
    {
        ModerationState.None => "Not moderated",
        ModerationState.Duplicate => "Duplicate",
        ModerationState.Campaign => "Campaign",
        ModerationState.Spam => "Spam",
        ModerationState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    public static string ModerationHint(ModerationState state) => state switch
    {
        ModerationState.None => "Counted as an ordinary response",
        ModerationState.Duplicate => "The same person again: left out of every figure",
        ModerationState.Campaign => "A copy of an organised text: counted, and reported separately",
        ModerationState.Spam => "Left out of every figure",
        ModerationState.Withdrawn => "The respondent withdrew it: left out of every figure",
        _ => "",
    };

    /// <summary>Parses an enum value from a query or form, refusing numbers and names it does not define.</summary>
    public static T? Parse<T>(string? value)
        where T : struct, Enum =>
        !string.IsNullOrEmpty(value) && !char.IsAsciiDigit(value[0]) && Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
