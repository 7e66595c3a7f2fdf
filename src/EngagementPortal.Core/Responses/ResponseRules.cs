using System.Text.RegularExpressions;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Email;

namespace EngagementPortal.Core.Responses;

/// <summary>What each step accepts. Pure: the pages hand in what was posted and get back cleaned values or
/// specific messages keyed by field id. Text is trimmed and its line endings made \n before it is measured, so
/// the limit a person sees is the limit applied.</summary>
public static partial class ResponseRules
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;

    public sealed record AboutYouInput(string? RespondentType, string? OrganisationName, string? Role, string? PostcodeDistrict, string? Email);

    public sealed record AboutYou(RespondentType? RespondentType, string? OrganisationName, string? Role, string? PostcodeDistrict, string? Email);

    public sealed record PublishingInput(string? Publishing, string? PublishedName);

    public static string FieldId(string questionKey) => "q-" + questionKey;

    public static string OtherFieldId(string questionKey) => "q-" + questionKey + "-other";

    public static bool IsOther(string option) => option.StartsWith("Other", StringComparison.OrdinalIgnoreCase);

    public static string? CleanText(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    public static Validated<AboutYou> ValidateAboutYou(AboutYouInput input)
    {
        var errors = new List<FieldError>();
        RespondentType? type = input.RespondentType switch
        {
            nameof(Responses.RespondentType.Individual) => Responses.RespondentType.Individual,
            nameof(Responses.RespondentType.Organisation) => Responses.RespondentType.Organisation,
            _ => null,
        };
        if (type is null)
        {
            errors.Add(new("RespondentType", "Select whether you are responding as an individual or on behalf of an organisation"));
        }

        string? organisation = null, role = null;
        if (type == Responses.RespondentType.Organisation)
        {
            organisation = CleanText(input.OrganisationName);
            role = CleanText(input.Role);
            if (organisation is null)
            {
                errors.Add(new("OrganisationName", "Enter the name of your organisation"));
            }
            else if (organisation.Length > NameMaxLength)
            {
                errors.Add(new("OrganisationName", $"Organisation name must be {NameMaxLength} characters or fewer"));
            }

            if (role is null)
            {
                errors.Add(new("Role", "Enter your role in the organisation"));
            }
            else if (role.Length > NameMaxLength)
            {
                errors.Add(new("Role", $"Your role must be {NameMaxLength} characters or fewer"));
            }
        }

        var district = PostcodeDistrict(input.PostcodeDistrict, out var districtError);
        if (districtError is not null)
        {
            errors.Add(new("PostcodeDistrict", districtError));
        }

        var email = Email(input.Email, required: false, out var emailError);
        if (emailError is not null)
        {
            errors.Add(new("Email", emailError));
        }

        return new(new AboutYou(type, organisation, role, district, email), errors);
    }

    /// <summary>The outward part of a UK postcode ("YO1", "HU17", "SW1A"). A full postcode is accepted and cut to
    /// its district, so nobody is made to retype; only the district is kept.</summary>
    public static string? PostcodeDistrict(string? typed, out string? error)
    {
        error = null;
        var compact = CleanText(typed)?.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (compact is null)
        {
            return null;
        }

        if (compact.Length <= 8 && FullPostcode().Match(compact) is { Success: true } full)
        {
            return full.Groups["district"].Value;
        }

        if (District().IsMatch(compact))
        {
            return compact;
        }

        error = "Enter the first part of a postcode, like YO1 or HU17";
        return null;
    }

    public static string? Email(string? typed, bool required, out string? error)
    {
        error = null;
        var email = CleanText(typed);
        if (email is null)
        {
            if (required)
            {
                error = "Enter your email address";
            }

            return null;
        }

        if (email.Length > EmailMaxLength)
        {
            error = $"Email address must be {EmailMaxLength} characters or fewer";
            return null;
        }

        if (!EmailAddresses.IsValid(email))
        {
            error = "Enter an email address in the correct format, like name@example.com";
            return null;
        }

        return email;
    }

    /// <summary>Validates one page of questions from the posted form (field id → values).</summary>
    public static Validated<Dictionary<string, AnswerState>> ValidatePage(QuestionPage page, Func<string, IReadOnlyList<string>> form)
    {
        var errors = new List<FieldError>();
        var answers = new Dictionary<string, AnswerState>(StringComparer.Ordinal);
        foreach (var question in page.Questions)
        {
            ValidateQuestion(question, form, answers, errors);
        }

        return new(answers, errors);
    }

    private static void ValidateQuestion(Question question, Func<string, IReadOnlyList<string>> form, Dictionary<string, AnswerState> answers, List<FieldError> errors)
    {
        var id = FieldId(question.Key);
        var n = question.Number;
        var options = OptionsOf(question);
        var answer = new AnswerState();
        switch (question.Type)
        {
            case QuestionType.FreeText:
                answer.Text = Text(form(id), id, question.MaxLength, $"Your answer to question {n}", errors);
                if (answer.Text is null && question.Required && !errors.Any(e => e.Field == id))
                {
                    errors.Add(new(id, $"Enter your answer to question {n}"));
                }

                break;

            case QuestionType.MultipleChoice:
                var ticked = form(id).Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();
                if (ticked.Any(v => !options.Contains(v, StringComparer.Ordinal)))
                {
                    errors.Add(new(id, $"Select only answers listed for question {n}"));
                    ticked = [.. ticked.Where(v => options.Contains(v, StringComparer.Ordinal))];
                }
                else if (ticked.Count == 0 && question.Required)
                {
                    errors.Add(new(id, $"Select at least one answer to question {n}"));
                }

                answer.Choices = [.. options.Where(ticked.Contains)];
                OtherText(question, answer.Choices.Any(IsOther), form, answer, errors);
                break;

            default:
                var chosen = form(id).FirstOrDefault(v => !string.IsNullOrEmpty(v));
                if (chosen is not null && !options.Contains(chosen, StringComparer.Ordinal))
                {
                    errors.Add(new(id, $"Select one of the answers listed for question {n}"));
                    chosen = null;
                }
                else if (chosen is null && question.Required)
                {
                    errors.Add(new(id, question.Type == QuestionType.YesNo ? $"Select yes or no for question {n}" : $"Select an answer to question {n}"));
                }

                answer.Choice = chosen;
                OtherText(question, chosen is not null && IsOther(chosen), form, answer, errors);
                break;
        }

        // Stored against the revision's key: after a change of type or options, answers to the new meaning go to a new key.
        answers[question.AnswerKey] = answer;
        if (question.FollowUpLabel is not null)
        {
            var explainId = FieldId(question.ExplanationKey);
            answers[question.ExplanationAnswerKey] = new AnswerState { Text = Text(form(explainId), explainId, question.MaxLength, $"Your explanation for question {n}", errors) };
        }
    }

    /// <summary>"Other, please specify": both the tick and the text are kept; text without the tick is kept too
    /// (so nothing typed is lost), but a tick without text asks for it.</summary>
    private static void OtherText(Question question, bool otherChosen, Func<string, IReadOnlyList<string>> form, AnswerState answer, List<FieldError> errors)
    {
        if (question.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice) || !question.Options.Any(IsOther))
        {
            return;
        }

        var otherId = OtherFieldId(question.Key);
        answer.Text = Text(form(otherId), otherId, question.MaxLength, $"What you mean by \"Other\" for question {question.Number}", errors);
        if (otherChosen && answer.Text is null && !errors.Any(e => e.Field == otherId))
        {
            errors.Add(new(otherId, $"Tell us what you mean by \"Other\" for question {question.Number}"));
        }
    }

    private static string? Text(IReadOnlyList<string> values, string id, int maxLength, string what, List<FieldError> errors)
    {
        var text = CleanText(values.FirstOrDefault());
        if (text is not null && text.Length > maxLength)
        {
            errors.Add(new(id, $"{what} must be {maxLength:N0} characters or fewer (it is {text.Length:N0})"));
        }

        return text;
    }

    public static IReadOnlyList<string> OptionsOf(Question question) => question.Type switch
    {
        QuestionType.AgreeDisagree => question.Options.Count > 0 ? question.Options : Question.AgreeDisagreeOptions,
        QuestionType.YesNo => question.Options.Count > 0 ? question.Options : Question.YesNoOptions,
        _ => question.Options,
    };

    public static Validated<EqualityAnswers> ValidateEquality(string? ageBand, string? sex, string? disability, string? ethnicity)
    {
        var errors = new List<FieldError>();
        var answers = new EqualityAnswers
        {
            AgeBand = OneOf(ageBand, EqualityQuestions.AgeBands, "AgeBand", "age", errors),
            Sex = OneOf(sex, EqualityQuestions.Sexes, "Sex", "sex", errors),
            Disability = OneOf(disability, EqualityQuestions.DisabilityAnswers, "Disability", "health conditions", errors),
            Ethnicity = OneOf(ethnicity, EqualityQuestions.Ethnicities, "Ethnicity", "ethnic group", errors),
        };
        return new(answers, errors);
    }

    private static string? OneOf(string? value, IReadOnlyList<string> options, string field, string what, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (options.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        errors.Add(new(field, $"Select one of the options listed for {what}"));
        return null;
    }

    public static Validated<(PublishingConsent? Consent, string? Name)> ValidatePublishing(PublishingInput input)
    {
        var errors = new List<FieldError>();
        PublishingConsent? consent = Enum.TryParse<PublishingConsent>(input.Publishing, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(input.Publishing, out _) ? parsed : null;
        string? name = null;
        if (consent is null)
        {
            errors.Add(new("Publishing", "Select whether we may publish your response"));
        }
        else if (consent == PublishingConsent.PublishWithName)
        {
            name = CleanText(input.PublishedName);
            if (name is null)
            {
                errors.Add(new("PublishedName", "Enter the name to publish with your response"));
            }
            else if (name.Length > NameMaxLength)
            {
                errors.Add(new("PublishedName", $"The name must be {NameMaxLength} characters or fewer"));
            }
        }

        return new((consent, name), errors);
    }

    [GeneratedRegex("^(?<district>[A-Z]{1,2}[0-9][0-9A-Z]?)[0-9][ABD-HJLNP-UW-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex FullPostcode();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex District();

}
