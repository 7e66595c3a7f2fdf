using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Tests.Collation;

/// <summary>Hand-built consultations and responses: two agree/disagree questions (the second with an explanation) and one free-text question.</summary>
internal static class CollationFixtures
{
    public static readonly DateTimeOffset Start = new(2020, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static CollationDefinition Definition(params string[] places) => new()
    {
        ConsultationSlug = "integrating-care",
        Places = places.Length == 0 ? ["Hull", "East Riding", "York"] : places,
        InvitedOrganisations = ["Hull City Council", "Healthwatch York", "York Teaching Hospital NHS Foundation Trust"],
        Questions =
        [
            new Question { Key = "q1", Number = 1, Text = "Do you agree that giving ICSs a statutory footing from 2022 provides the right foundation?", Type = QuestionType.AgreeDisagree },
            new Question { Key = "q2", Number = 2, Text = "Do you agree that option 2 offers a model that provides greater incentive for collaboration?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain" },
            new Question { Key = "q3", Number = 3, Text = "What else should the partnership consider?", Type = QuestionType.FreeText },
        ],
    };

    public static CollationOptions Options() => new();

    public static CollationAnswerSet Response(
        string id,
        RespondentType type = RespondentType.Individual,
        string? q1 = null,
        string? q2 = null,
        string? q3 = null,
        ModerationState moderation = ModerationState.None,
        PublishingConsent consent = PublishingConsent.PublishAnonymously,
        string? place = null,
        IReadOnlyList<string>? themes = null,
        string? redacted = null,
        string? name = null,
        PartnerDetails? partner = null,
        IReadOnlyDictionary<string, string>? equality = null,
        string? respondentKey = null,
        int minute = 0)
    {
        var answers = new List<CollationAnswer>();
        if (q1 is not null)
        {
            answers.Add(new CollationAnswer { QuestionKey = "q1", Choices = [q1] });
        }

        if (q2 is not null)
        {
            answers.Add(new CollationAnswer { QuestionKey = "q2", Choices = [q2] });
        }

        if (q3 is not null)
        {
            answers.Add(new CollationAnswer { QuestionKey = "q3", Text = q3, RedactedText = redacted, Themes = themes ?? [] });
        }

        return new CollationAnswerSet
        {
            ResponseId = id,
            RespondentType = type,
            Moderation = moderation,
            Consent = consent,
            Place = place,
            DisplayName = name,
            Partner = partner,
            RespondentKey = respondentKey,
            UpdatedAt = Start.AddMinutes(minute),
            Equality = equality ?? new Dictionary<string, string>(),
            Answers = answers,
        };
    }

    /// <summary>A larger, varied set: individuals, organisations, partners, campaign copies, moderation, places, equality.</summary>
    public static List<CollationAnswerSet> Varied(int count, int seed = 7)
    {
        var random = new Random(seed);
        string[] places = ["Hull", "East Riding", "York", "Scarborough"];
        string[] ages = ["16 to 24", "25 to 44", "45 to 64", "65 or over"];
        string[] sentences =
        [
            "Joined-up care at place level would help people leave hospital sooner.",
            "The statutory footing must not weaken the voice of local councils and Healthwatch.",
            "Primary care networks need funding for neighbourhood teams before any reorganisation.",
            "Accountability to patients is unclear when decisions move to the integrated care board.",
            "Voluntary sector partners should have a formal seat at the partnership board.",
            "Rural transport makes access to services difficult for older residents.",
        ];
        string[] themeNames = ["Place-based care", "Local accountability", "Funding", "Voluntary sector"];
        var list = new List<CollationAnswerSet>();
        for (var i = 0; i < count; i++)
        {
            var type = (RespondentType)random.Next(3);
            var options = Question.AgreeDisagreeOptions;
            var moderation = random.Next(20) switch
            {
                0 => ModerationState.Duplicate,
                1 => ModerationState.Spam,
                2 => ModerationState.Withdrawn,
                3 or 4 => ModerationState.Campaign,
                _ => ModerationState.None,
            };
            var text = moderation == ModerationState.Campaign
                ? "Save our community hospital beds now and stop the cuts to local services in our town."
                : sentences[random.Next(sentences.Length)] + " " + sentences[random.Next(sentences.Length)] + $" Reference {random.Next(1000)}.";
            list.Add(Response(
                $"r{i:D5}",
                type,
                q1: random.Next(8) == 0 ? null : options[random.Next(options.Count)],
                q2: random.Next(6) == 0 ? null : options[random.Next(options.Count)],
                q3: random.Next(5) == 0 ? null : text,
                moderation: moderation,
                consent: (PublishingConsent)random.Next(3),
                place: random.Next(10) == 0 ? null : places[random.Next(places.Length)],
                themes: random.Next(3) == 0 ? [themeNames[random.Next(themeNames.Length)]] : null,
                partner: type == RespondentType.PartnerSubmission ? new PartnerDetails($"Partner {random.Next(12)}", random.Next(2) == 0 ? "Signed off by chief executive" : "Awaiting board") : null,
                equality: random.Next(4) == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Age"] = ages[random.Next(ages.Length)] },
                respondentKey: $"person-{random.Next(count)}",
                minute: i));
        }

        return list;
    }
}
