using Bogus;
using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Partners;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

public sealed record DemoSeedResult(bool Succeeded, string? Problem, Guid ConsultationId, int Responses, int PartnerSubmissions, int Coded)
{
    public static DemoSeedResult Failed(string problem) => new(false, problem, Guid.Empty, 0, 0, 0);
}

/// <summary>
/// <c>seed-demo --responses N</c>: fills a consultation with realistic synthetic responses for demonstrations and the
/// collation benchmark (Bogus, seeded): an answer to every agree/disagree question with an explanation of about 300
/// characters built from planted themes, 5% of responses from a planted campaign (a third with a sentence added),
/// 10% organisations, partner organisations' formal submissions (one per partner, up to 40), 3% duplicate, spam or
/// withdrawn, some answers coded with their planted theme, postcode districts over sample places. Rows are marked as
/// demonstration data by their "DEMO" reference prefix.
/// </summary>
public sealed class DemoResponses(PortalDbContext db, TimeProvider time)
{
    public const string ReferencePrefix = "DEMO";

    private const int BatchSize = 1000;

    private static readonly (string Name, string[] Districts)[] SamplePlaces =
    [
        ("Hull", ["HU1", "HU2", "HU3", "HU4", "HU5", "HU6", "HU7", "HU8", "HU9"]),
        ("East Riding of Yorkshire", ["HU10", "HU11", "HU12", "HU13", "HU14", "HU15", "HU16", "HU17", "HU18", "YO15", "YO16", "YO25"]),
        ("York", ["YO1", "YO10", "YO23", "YO24", "YO26", "YO30", "YO31", "YO32"]),
        ("North Lincolnshire", ["DN15", "DN16", "DN17", "DN18", "DN19", "DN20"]),
        ("Scarborough and Ryedale", ["YO11", "YO12", "YO13", "YO14", "YO17", "YO18"]),
    ];

    private static readonly string[] Partners =
    [
        "Hull City Council", "East Riding of Yorkshire Council", "City of York Council", "North Lincolnshire Council", "North East Lincolnshire Council",
        "North Yorkshire County Council", "Healthwatch Hull", "Healthwatch East Riding of Yorkshire", "Healthwatch York", "Healthwatch North Lincolnshire",
        "Hull University Teaching Hospitals NHS Trust", "York and Scarborough Teaching Hospitals NHS Foundation Trust", "Northern Lincolnshire and Goole NHS Foundation Trust",
        "Humber Teaching NHS Foundation Trust", "Tees, Esk and Wear Valleys NHS Foundation Trust", "Yorkshire Ambulance Service NHS Trust", "Navigo",
        "City Health Care Partnership CIC", "Hull Clinical Commissioning Group", "East Riding of Yorkshire Clinical Commissioning Group", "Vale of York Clinical Commissioning Group",
        "North Lincolnshire Clinical Commissioning Group", "Scarborough and Ryedale Clinical Commissioning Group", "Humber Acute Services Provider Collaborative",
        "Mental Health, Learning Disability and Autism Collaborative", "Hull Health and Wellbeing Board", "York Health and Wellbeing Board", "East Riding Health and Wellbeing Board",
        "North Lincolnshire Health and Wellbeing Board", "Hull CVS", "Community Voluntary Services York", "East Riding Voluntary Action Services", "Voluntary Action North Lincolnshire",
        "Humber and North Yorkshire Local Medical Committee", "Modality Hull PCN", "Nimbuscare York", "Haxby Group", "St Leonard's Hospice", "Dove House Hospice", "Carers' Centre Hull",
    ];

    // Planted themes: each a few ways of saying the same thing, with slots, so texts vary but cluster.
    private static readonly (string Theme, string[] Sentences)[] Themes =
    [
        ("Local voice", [
            "Local councils and {group} must keep a real say in decisions about services in {place}.",
            "I worry that moving decisions to a bigger board will weaken the voice of {group} in {place}.",
            "Accountability to local people in {place} matters more than tidy structures for {group}.",
        ]),
        ("Joined-up care", [
            "Joined-up care between hospitals, GPs and {service} would help people in {place} leave hospital sooner.",
            "Sharing records across the NHS and {service} would stop people repeating their story again and again.",
            "Integration only works if {service} and the NHS plan budgets together rather than passing people between them.",
        ]),
        ("Workforce and funding", [
            "None of this will work without more staff and proper funding for {service} in {place}.",
            "Reorganising again while {service} is short of staff risks making waiting times in {place} even longer.",
            "Money should follow patients into {service}, not be spent on another round of structures and job titles.",
        ]),
        ("Access and transport", [
            "Getting to appointments from rural parts of {place} is already hard without buses, especially for older people.",
            "Services should be closer to home; travelling to the main hospital from {place} takes hours for {group}.",
            "Digital appointments help some people but {group} in {place} often have no reliable internet.",
        ]),
        ("Voluntary sector role", [
            "The voluntary sector, including {group}, should have a formal seat at the partnership board.",
            "Charities and community groups in {place} already do a lot of the prevention work and need long-term contracts.",
            "Small community organisations in {place} are left out when only large NHS bodies sit round the table.",
        ]),
        ("Mental health", [
            "Mental health support for young people in {place} needs to be part of the plan from the start.",
            "People in crisis in {place} wait far too long; mental health must get the same priority as physical health.",
            "Joining up mental health services with {service} would make a real difference for {group}.",
        ]),
    ];

    private static readonly string[] Groups = ["carers", "older people", "young people", "Healthwatch", "patients", "disabled people", "parish councils", "families"];

    private static readonly string[] Services = ["social care", "community nursing", "primary care", "mental health services", "care homes", "pharmacies", "district nurses"];

    private static readonly string[] Fillers =
    [
        "This is based on my own experience over the last few years.",
        "I have seen this happen to members of my family.",
        "The consultation document does not say enough about this.",
        "Please take this into account before anything is decided.",
        "It is hard to comment without more detail on how it would work in practice.",
    ];

    private const string CampaignText = "Keep our local hospital beds and services in our community. Decisions about our NHS must be made locally and in public, not behind closed doors by a distant board.";

    private const string CampaignAddition = " My mum relied on the ward at our community hospital last winter.";

    public async Task<DemoSeedResult> SeedAsync(string slug, int count, int seed, CancellationToken cancellationToken)
    {
        if (count < 1)
        {
            return DemoSeedResult.Failed("--responses must be at least 1.");
        }

        var version = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.Consultation.Slug == slug && v.State == VersionState.Published)
            .SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return DemoSeedResult.Failed($"No published consultation \"{slug}\".");
        }

        var questions = version.Questions.Where(q => q.HasChoices).ToList();
        if (questions.Count == 0)
        {
            return DemoSeedResult.Failed($"\"{slug}\" has no questions with options to answer.");
        }

        var places = await EnsurePlacesAsync(cancellationToken);
        var themeIds = await EnsureThemesAsync(version, questions, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var from = version.OpensUtc;
        var to = version.ClosesUtc < now ? version.ClosesUtc : now;
        if (to <= from)
        {
            to = from.AddDays(1);
        }

        var start = await db.Responses.CountAsync(r => r.Reference.StartsWith(ReferencePrefix + "-"), cancellationToken);
        var partnersTaken = await db.Responses.Where(r => r.RespondentType == RespondentType.PartnerOrganisation && r.OrganisationName != null).Select(r => r.OrganisationName!).ToListAsync(cancellationToken);
        var partnersLeft = new Queue<string>(Partners.Where(p => !partnersTaken.Contains(p)));
        var partnerEvery = Math.Max(2, (int)Math.Ceiling(count / (double)Math.Min(Partners.Length, Math.Max(1, count * 2 / 100))));

        var faker = new Faker("en_GB") { Random = new Randomizer(seed) };
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        int partners = 0, coded = 0;
        var tags = new List<(ResponseAnswer Answer, Guid Theme)>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var response = NewResponse(faker, version, start + i, from, to, now, places);
                if (i % partnerEvery == partnerEvery - 1 && partnersLeft.Count > 0)
                {
                    response.RespondentType = RespondentType.PartnerOrganisation;
                    response.Channel = ResponseChannel.PartnerSubmission;
                    response.OrganisationName = partnersLeft.Dequeue();
                    response.PartnerSubmissionId = Guid.NewGuid();
                    response.ModerationState = ModerationState.None;
                    response.PublishingConsent = PublishingConsent.PublishWithName;
                    response.PublishedName = response.OrganisationName;
                    partners++;
                }

                var campaign = response.RespondentType != RespondentType.PartnerOrganisation && faker.Random.Double() < 0.05;
                if (campaign && faker.Random.Bool())
                {
                    response.ModerationState = ModerationState.Campaign;
                    response.ModerationReason = "Campaign text (demonstration data)";
                }

                foreach (var question in questions)
                {
                    var options = question.Options.Count > 0 ? question.Options : question.Type == QuestionType.YesNo ? Question.YesNoOptions : Question.AgreeDisagreeOptions;
                    var (theme, text) = campaign
                        ? (-1, faker.Random.Int(0, 2) == 0 ? CampaignText + CampaignAddition : CampaignText)
                        : Explanation(faker);
                    var choice = campaign ? options[Math.Min(options.Count - 1, 4)] : options[Stance(faker, theme, options.Count)];
                    response.Answers.Add(new ResponseAnswer { ConsultationId = version.ConsultationId, QuestionKey = question.AnswerKey, Choice = choice });
                    if (faker.Random.Double() < 0.9)
                    {
                        var answer = new ResponseAnswer { ConsultationId = version.ConsultationId, QuestionKey = question.ExplanationKey, Text = text };
                        if (faker.Random.Double() < 0.02)
                        {
                            answer.RedactedText = text.Replace(" in ", " in [redacted] ", StringComparison.Ordinal);
                        }

                        response.Answers.Add(answer);
                        if (theme >= 0 && faker.Random.Double() < 0.05)
                        {
                            tags.Add((answer, themeIds[(question.ExplanationKey, Themes[theme].Theme)]));
                            coded++;
                        }
                    }
                }

                db.Responses.Add(response);
                if ((i + 1) % BatchSize == 0 || i == count - 1)
                {
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(cancellationToken);
                    foreach (var (answer, themeId) in tags)
                    {
                        db.AnswerThemes.Add(new AnswerTheme { ResponseAnswerId = answer.Id, ThemeId = themeId, TaggedUtc = now });
                    }

                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(cancellationToken);
                    tags.Clear();
                    db.ChangeTracker.Clear();
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }

        return new DemoSeedResult(true, null, version.ConsultationId, count, partners, coded);
    }

    private static Response NewResponse(Faker faker, ConsultationVersion version, long sequence, DateTime from, DateTime to, DateTime now, IReadOnlyList<string> districts)
    {
        var organisation = faker.Random.Double() < 0.10;
        var roll = faker.Random.Double();
        var consent = roll < 0.3 ? PublishingConsent.PublishWithName : roll < 0.75 ? PublishingConsent.PublishAnonymously : PublishingConsent.DoNotPublish;
        var name = faker.Name.FullName();
        var moderationRoll = faker.Random.Double();
        var channelRoll = faker.Random.Double();
        return new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = version.ConsultationId,
            ConsultationVersionId = version.Id,
            Reference = ResponseReference.Format(ReferencePrefix, sequence),
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            RespondentType = organisation ? RespondentType.Organisation : RespondentType.Individual,
            OrganisationName = organisation ? faker.PickRandom("Friends of", "Patients' group,", "Residents' association,", "Carers' network,") + " " + faker.Address.City() : null,
            PostcodeDistrict = faker.Random.Double() < 0.85 ? districts[faker.Random.Int(0, districts.Count - 1)] : null,
            Email = faker.Random.Double() < 0.6 ? faker.Internet.Email(name.Split(' ')[0], name.Split(' ')[^1]) : null,
            PublishingConsent = consent,
            PublishedName = consent == PublishingConsent.PublishWithName ? name : null,
            Channel = channelRoll < 0.88 ? ResponseChannel.Online : faker.PickRandom(ResponseChannel.Email, ResponseChannel.Letter, ResponseChannel.PaperForm, ResponseChannel.EasyReadForm, ResponseChannel.EventNotes, ResponseChannel.Telephone),
            SubmittedUtc = from + (to - from) * faker.Random.Double(),
            ModerationState = moderationRoll < 0.01 ? ModerationState.Duplicate : moderationRoll < 0.02 ? ModerationState.Spam : moderationRoll < 0.03 ? ModerationState.Withdrawn : ModerationState.None,
            UpdatedUtc = now,
        };
    }

    /// <summary>About 300 characters (from about 100 to 600): one or two planted themes, sometimes a general remark.</summary>
    private static (int Theme, string Text) Explanation(Faker faker)
    {
        var theme = faker.Random.Int(0, Themes.Length - 1);
        var sentences = new List<string> { Fill(faker, faker.PickRandom(Themes[theme].Sentences)) };
        var target = (int)Math.Clamp(faker.Random.Double(0.35, 2.0) * 300, 100, 600);
        while (sentences.Sum(s => s.Length + 1) < target)
        {
            var roll = faker.Random.Double();
            sentences.Add(roll < 0.5 ? Fill(faker, faker.PickRandom(Themes[theme].Sentences))
                : roll < 0.75 ? Fill(faker, faker.PickRandom(Themes[faker.Random.Int(0, Themes.Length - 1)].Sentences))
                : faker.PickRandom(Fillers));
        }

        return (theme, string.Join(' ', sentences));
    }

    private static string Fill(Faker faker, string template) => template
        .Replace("{group}", faker.PickRandom(Groups), StringComparison.Ordinal)
        .Replace("{service}", faker.PickRandom(Services), StringComparison.Ordinal)
        .Replace("{place}", faker.PickRandom(SamplePlaces).Name, StringComparison.Ordinal);

    /// <summary>Views lean by theme (worries about local voice lean towards disagreeing), so tallies and themes relate.</summary>
    private static int Stance(Faker faker, int theme, int options)
    {
        if (options < 6)
        {
            return faker.Random.Int(0, options - 1);
        }

        var lean = theme is 0 or 2 ? 3 : theme is 1 or 4 ? 1 : 2;
        var pick = lean + faker.Random.Int(-1, 1) + (faker.Random.Double() < 0.1 ? faker.Random.Int(-2, 2) : 0);
        return faker.Random.Double() < 0.04 ? 5 : Math.Clamp(pick, 0, 4);
    }

    /// <summary>Sample places (marked so they can be removed in one action) when officers have defined none; their districts.</summary>
    private async Task<IReadOnlyList<string>> EnsurePlacesAsync(CancellationToken cancellationToken)
    {
        var places = await db.Places.AsNoTracking().ToListAsync(cancellationToken);
        if (places.Count == 0)
        {
            places = SamplePlaces.Select(p => new Place { Id = Guid.NewGuid(), Name = p.Name, PostcodeDistricts = [.. p.Districts], IsSample = true }).ToList();
            db.Places.AddRange(places);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var districts = places.SelectMany(p => p.PostcodeDistricts).ToList();
        return districts.Count > 0 ? districts : ["HU1"];
    }

    /// <summary>The planted themes in each question's coding frame (its explanation), made once.</summary>
    private async Task<Dictionary<(string Key, string Theme), Guid>> EnsureThemesAsync(ConsultationVersion version, List<Question> questions, CancellationToken cancellationToken)
    {
        var existing = await db.CodingThemes.AsNoTracking().Where(t => t.ConsultationId == version.ConsultationId).ToListAsync(cancellationToken);
        var ids = new Dictionary<(string, string), Guid>();
        foreach (var question in questions)
        {
            foreach (var (theme, _) in Themes)
            {
                var found = existing.FirstOrDefault(t => t.QuestionKey == question.ExplanationKey && t.Name == theme && t.MergedIntoThemeId == null);
                if (found is null)
                {
                    found = new CodingTheme { Id = Guid.NewGuid(), ConsultationId = version.ConsultationId, QuestionKey = question.ExplanationKey, Name = theme, CreatedUtc = time.GetUtcNow().UtcDateTime };
                    db.CodingThemes.Add(found);
                }

                ids[(question.ExplanationKey, theme)] = found.Id;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ids;
    }
}
