using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.TestCommon;

/// <summary>
/// Collation runs for the partnership response's tests: responses built by hand, collated by the real Collator, stored
/// as a CollationRun the way a collation job stores one (the snapshot as JSON).
/// </summary>
public static class PartnershipFixtures
{
    public const string Theme = "Local accountability";
    public const string Partner = "Hull City Council";
    public const string PrivateText = "Please keep this private: my neighbour at 12 Acacia Avenue";

    /// <summary>
    /// Agree/disagree answers to every choice question (4 Agree, 2 Disagree, 1 Strongly disagree from a partner,
    /// 1 campaign Agree), free text coded to <see cref="Theme"/> on the first text-taking question, one respondent who
    /// did not consent to publishing (whose words must never appear), and a partner submission with a key quote.
    /// </summary>
    public static List<CollationAnswerSet> Responses(IReadOnlyList<Question> questions, DateTimeOffset at, string? text = null, int extra = 0)
    {
        var texted = questions.FirstOrDefault(q => q.Type == QuestionType.FreeText || q.FollowUpLabel is not null);
        CollationAnswerSet Set(string id, RespondentType type, string option, string? words, PublishingConsent consent, ModerationState moderation = ModerationState.None, PartnerDetails? partner = null)
        {
            // One answer per question: the option chosen and, on the question that takes text, the words and their code.
            var answers = questions.Select(q => new CollationAnswer
            {
                QuestionKey = q.Key,
                Choices = q.HasChoices ? [q.Type == QuestionType.YesNo ? "Yes" : option] : [],
                Text = q == texted ? words : null,
                Themes = q == texted && words is not null ? [Theme] : [],
            }).Where(a => a.Choices.Count > 0 || a.Text is not null).ToList();
            return new CollationAnswerSet { ResponseId = id, RespondentType = type, Answers = answers, Consent = consent, Moderation = moderation, Partner = partner, UpdatedAt = at, RespondentKey = id, DisplayName = partner?.OrganisationName };
        }

        var list = new List<CollationAnswerSet>
        {
            Set("r1", RespondentType.Individual, "Agree", text ?? "Decisions must stay accountable to local people and councillors.", PublishingConsent.PublishAnonymously),
            Set("r2", RespondentType.Individual, "Agree", "Local accountability matters more than structures.", PublishingConsent.PublishAnonymously),
            Set("r3", RespondentType.Individual, "Agree", PrivateText, PublishingConsent.DoNotPublish),
            Set("r4", RespondentType.OrganisationPublic, "Agree", null, PublishingConsent.PublishWithName),
            Set("r5", RespondentType.Individual, "Disagree", null, PublishingConsent.DoNotPublish),
            Set("r6", RespondentType.Individual, "Disagree", null, PublishingConsent.PublishAnonymously),
            Set("r7", RespondentType.PartnerSubmission, "Strongly disagree", "The council's scrutiny role must be kept.", PublishingConsent.PublishWithName, partner: new PartnerDetails(Partner, "Signed off by the Health and Wellbeing Board", "We support integration but not at the cost of local democratic accountability.")),
            Set("r8", RespondentType.Individual, "Agree", null, PublishingConsent.DoNotPublish, ModerationState.Campaign),
        };
        for (var i = 0; i < extra; i++)
        {
            list.Add(Set($"x{i:D4}", RespondentType.Individual, "Agree", null, PublishingConsent.DoNotPublish));
        }

        return list;
    }

    public static async Task<CollationSnapshot> CollateAsync(string slug, IReadOnlyList<Question> questions, IEnumerable<CollationAnswerSet> responses, DateTimeOffset at)
    {
        var definition = new CollationDefinition { ConsultationSlug = slug, Questions = questions, InvitedOrganisations = [Partner] };
        var outcome = await new Collator(new FakeTimeProvider(at)).CollateAsync(definition, new CollationOptions(), responses);
        return outcome.Snapshot;
    }

    /// <summary>Stores a successful run holding the snapshot, as the collation job would.</summary>
    public static async Task<CollationRun> StoreRunAsync(PortalDbContext db, Guid consultationId, CollationSnapshot snapshot, int responsesCounted)
    {
        var run = new CollationRun
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            Trigger = CollationTrigger.OnDemand,
            Status = CollationRunStatus.Succeeded,
            StartedUtc = snapshot.TakenAt.UtcDateTime.AddSeconds(-5),
            FinishedUtc = snapshot.TakenAt.UtcDateTime,
            ProgressPercent = 100,
            ResponsesCounted = responsesCounted,
            WatermarkUtc = snapshot.TakenAt.UtcDateTime,
            ContentHash = snapshot.ContentHash,
            SnapshotJson = SnapshotJson.Serialize(snapshot),
        };
        db.CollationRuns.Add(run);
        await db.SaveChangesAsync();
        return run;
    }

    /// <summary>Collates <see cref="Responses"/> over a consultation's published questions and stores the run.</summary>
    public static async Task<CollationRun> CollateAndStoreAsync(PortalDbContext db, string slug, DateTimeOffset at, string? text = null, int extra = 0)
    {
        var consultation = await db.Consultations.Include(c => c.Versions).SingleAsync(c => c.Slug == slug);
        var questions = consultation.Versions.Single(v => v.State == VersionState.Published).Questions;
        var responses = Responses(questions, at, text, extra);
        var snapshot = await CollateAsync(slug, questions, responses, at);
        return await StoreRunAsync(db, consultation.Id, snapshot, responses.Count);
    }

    /// <summary>A published consultation with one agree/disagree question (with an explanation) and one free-text question.</summary>
    public static async Task<Consultation> AddConsultationAsync(PortalDbContext db, string slug = "integrating-care")
    {
        var consultation = new Consultation { Id = Guid.NewGuid(), Slug = slug, CreatedUtc = new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc) };
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            Number = 1,
            State = VersionState.Published,
            Title = "Integrating care: next steps",
            Summary = "Views on integrated care systems.",
            Body = "Body",
            ContentHash = "hash",
            AuthoredOpensUtc = new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc),
            AuthoredClosesUtc = new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc),
            CreatedUtc = new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            PublishedUtc = new DateTime(2020, 11, 26, 0, 0, 0, DateTimeKind.Utc),
            Questions =
            [
                new Question { Key = "q1", Number = 1, Text = "Do you agree that giving ICSs a statutory footing from 2022 provides the right foundation?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain" },
                new Question { Key = "q2", Number = 2, Text = "What else should the partnership consider?", Type = QuestionType.FreeText },
            ],
        };
        version.ApplyDemoShift(0);
        consultation.Versions.Add(version);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return consultation;
    }
}
