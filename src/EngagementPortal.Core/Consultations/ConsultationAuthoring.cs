using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Content;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Consultations;

public enum AuthoringOutcome
{
    Done,
    NotFound,
    Invalid,
    NothingToPublish,
    MeaningChanged,

    /// <summary>Umbraco owns the consultation's text, dates, questions and publication: the back office changes none of them.</summary>
    ManagedInUmbraco,
}

public sealed record AuthoringResult(AuthoringOutcome Outcome, IReadOnlyList<FieldProblem> Problems, Guid? ConsultationId = null, IReadOnlyList<QuestionEdit>? Changes = null)
{
    public static AuthoringResult Of(AuthoringOutcome outcome) => new(outcome, []);

    public static AuthoringResult Invalid(params FieldProblem[] problems) => new(AuthoringOutcome.Invalid, problems);
}

/// <summary>Who is acting, for the audit log.</summary>
public sealed record Actor(Guid Id, string Email);

/// <summary>
/// The back office's authoring, on the same model as content packages (docs/adr/0064): a consultation has at most
/// one draft and one published version; saving edits the draft (made from the published version when there is none),
/// publishing turns the draft into the published version and supersedes the old one, which is never edited again.
/// </summary>
public sealed class ConsultationAuthoring(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public const string ManagedInUmbracoMessage = "This consultation is managed in Umbraco. Edit it in Umbraco";

    /// <summary>Umbraco owns what its consultations say and when (text, dates, questions, publication); the portal keeps
    /// what it owns (coding frames, moderation, the partnership response).</summary>
    public static bool IsManagedInUmbraco(Consultation consultation) => consultation.Origin == ContentOrigin.Umbraco;

    public async Task<Consultation?> LoadAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Consultations.Include(c => c.Versions).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public static ConsultationVersion? Draft(Consultation consultation) => consultation.Versions.SingleOrDefault(v => v.State == VersionState.Draft);

    public static ConsultationVersion? Published(Consultation consultation) => consultation.Versions.SingleOrDefault(v => v.State == VersionState.Published);

    /// <summary>The version the edit pages show: the draft, else the published version, else the newest.</summary>
    public static ConsultationVersion Current(Consultation consultation) =>
        Draft(consultation) ?? Published(consultation) ?? consultation.Versions.OrderByDescending(v => v.Number).First();

    public static bool WasEverPublished(Consultation consultation) => consultation.Versions.Any(v => v.PublishedUtc is not null);

    public async Task<AuthoringResult> CreateAsync(DraftFields fields, Actor actor, CancellationToken cancellationToken = default)
    {
        var problems = DraftRules.Check(fields).ToList();
        if (problems.Count == 0 && await db.Consultations.AnyAsync(c => c.Slug == fields.Slug, cancellationToken))
        {
            problems.Add(new("Slug", "Another consultation already uses this web address"));
        }

        if (problems.Count > 0)
        {
            return new(AuthoringOutcome.Invalid, problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        var consultation = new Consultation { Id = id, Slug = fields.Slug, Origin = ContentOrigin.BackOffice, OriginKey = id.ToString(), CreatedUtc = now };
        var draft = new ConsultationVersion { Title = "", Summary = "", Body = "", ContentHash = "", Number = 1, State = VersionState.Draft, CreatedUtc = now };
        Apply(draft, fields);
        consultation.Versions.Add(draft);
        Rehash(consultation, draft);
        db.Consultations.Add(consultation);
        audit.Record(AuditActions.ConsultationDraftSaved, actor.Id, actor.Email, subject: "consultation " + fields.Slug, detail: "created");
        await db.SaveChangesAsync(cancellationToken);
        return new(AuthoringOutcome.Done, [], id);
    }

    public async Task<AuthoringResult> SaveDraftAsync(Guid id, DraftFields fields, Actor actor, CancellationToken cancellationToken = default)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null || IsManagedInUmbraco(consultation))
        {
            return AuthoringResult.Of(consultation is null ? AuthoringOutcome.NotFound : AuthoringOutcome.ManagedInUmbraco);
        }

        var problems = DraftRules.Check(fields).ToList();
        if (fields.Slug != consultation.Slug)
        {
            if (WasEverPublished(consultation))
            {
                problems.Add(new("Slug", "The web address cannot change once the consultation has been published: campaigns and letters print it"));
            }
            else if (await db.Consultations.AnyAsync(c => c.Slug == fields.Slug && c.Id != id, cancellationToken))
            {
                problems.Add(new("Slug", "Another consultation already uses this web address"));
            }
        }

        if (problems.Count > 0)
        {
            return new(AuthoringOutcome.Invalid, problems);
        }

        var draft = EnsureDraft(consultation);
        consultation.Slug = fields.Slug;
        Apply(draft, fields);
        Rehash(consultation, draft);
        audit.Record(AuditActions.ConsultationDraftSaved, actor.Id, actor.Email, subject: "consultation " + consultation.Slug, detail: $"version {draft.Number}");
        await db.SaveChangesAsync(cancellationToken);
        return new(AuthoringOutcome.Done, [], id);
    }

    /// <summary>Adds a question at the end (null key) or replaces the one with that key, in the draft.</summary>
    public Task<AuthoringResult> SaveQuestionAsync(Guid id, string? key, Question question, Actor actor, CancellationToken cancellationToken = default) =>
        EditQuestionsAsync(id, actor, questions =>
        {
            var problems = DraftRules.Check(question);
            if (problems.Count > 0)
            {
                return (null, problems);
            }

            if (key is null)
            {
                questions.Add(question with { Key = "q-" + Guid.NewGuid().ToString("N")[..8] });
                return (questions, []);
            }

            var index = questions.FindIndex(q => q.Key == key);
            if (index < 0)
            {
                return (null, [new("Text", "That question no longer exists")]);
            }

            questions[index] = question with { Key = key, FollowUpKey = questions[index].FollowUpKey, Revision = questions[index].Revision };
            return (questions, []);
        }, cancellationToken);

    /// <summary>Adds a document (an uploaded file or a link) to the draft's list.</summary>
    public async Task<AuthoringResult> AddDocumentAsync(Guid id, SupportingDocument document, Actor actor, CancellationToken cancellationToken = default)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null || IsManagedInUmbraco(consultation))
        {
            return AuthoringResult.Of(consultation is null ? AuthoringOutcome.NotFound : AuthoringOutcome.ManagedInUmbraco);
        }

        var draft = EnsureDraft(consultation);
        draft.Documents = [.. draft.Documents, document];
        Rehash(consultation, draft);
        audit.Record(AuditActions.ConsultationDraftSaved, actor.Id, actor.Email, subject: "consultation " + consultation.Slug, detail: $"version {draft.Number} document {document.Url}");
        await db.SaveChangesAsync(cancellationToken);
        return new(AuthoringOutcome.Done, [], id);
    }

    public Task<AuthoringResult> MoveQuestionAsync(Guid id, string key, int by, Actor actor, CancellationToken cancellationToken = default) =>
        EditQuestionsAsync(id, actor, questions =>
        {
            var index = questions.FindIndex(q => q.Key == key);
            var target = index + by;
            if (index < 0 || target < 0 || target >= questions.Count)
            {
                return (questions, []);
            }

            (questions[index], questions[target]) = (questions[target], questions[index]);
            return (questions, []);
        }, cancellationToken);

    public Task<AuthoringResult> RemoveQuestionAsync(Guid id, string key, Actor actor, CancellationToken cancellationToken = default) =>
        EditQuestionsAsync(id, actor, questions =>
        {
            questions.RemoveAll(q => q.Key == key);
            return (questions, []);
        }, cancellationToken);

    /// <summary>
    /// Makes the draft the published version. <paramref name="publishAtUtc"/> schedules the first publication;
    /// <paramref name="unpublishAtUtc"/> schedules the withdrawal. Question changes that alter meaning are refused
    /// once anyone has responded (each response keeps the version it answered, and its answers must keep meaning
    /// what they meant).
    /// </summary>
    public async Task<AuthoringResult> PublishAsync(Guid id, DateTime? publishAtUtc, DateTime? unpublishAtUtc, Actor actor, CancellationToken cancellationToken = default)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null || IsManagedInUmbraco(consultation))
        {
            return AuthoringResult.Of(consultation is null ? AuthoringOutcome.NotFound : AuthoringOutcome.ManagedInUmbraco);
        }

        var draft = Draft(consultation);
        if (draft is null)
        {
            return AuthoringResult.Of(AuthoringOutcome.NothingToPublish);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var problems = DraftRules.Check(FieldsOf(draft, consultation.Slug)).ToList();
        if (draft.Questions.Count == 0)
        {
            problems.Add(new("Questions", "Add at least one question before publishing"));
        }

        var published = Published(consultation);
        if (publishAtUtc is { } at && at > now && published is not null && published.IsPublicAt(now))
        {
            problems.Add(new("PublishAt", "A consultation the public can already see is updated at once; leave the publication time empty"));
        }

        if (unpublishAtUtc is { } until && until <= (publishAtUtc is { } from && from > now ? from : now))
        {
            problems.Add(new("UnpublishAt", "The time to unpublish must be after the time it is published"));
        }

        if (problems.Count > 0)
        {
            return new(AuthoringOutcome.Invalid, problems);
        }

        var basis = published ?? consultation.Versions.Where(v => v.State == VersionState.Superseded).OrderByDescending(v => v.Number).FirstOrDefault();
        var changes = basis is null ? [] : QuestionEdits.Compare(basis.Questions, draft.Questions);
        if (changes.Any(c => c.ChangesMeaning) && await db.Responses.AnyAsync(r => r.ConsultationId == id, cancellationToken))
        {
            return new(AuthoringOutcome.MeaningChanged, [], id, changes);
        }

        published?.State = VersionState.Superseded;
        draft.State = VersionState.Published;
        draft.PublishedUtc = now;
        draft.PublishAtUtc = publishAtUtc is { } scheduled && scheduled > now ? scheduled : null;
        draft.UnpublishAtUtc = unpublishAtUtc;
        Rehash(consultation, draft);
        var wording = changes.Where(c => !c.ChangesMeaning).Select(c => c.Description).ToList();
        audit.Record(AuditActions.ConsultationPublished, actor.Id, actor.Email, subject: "consultation " + consultation.Slug,
            detail: $"version {draft.Number}" + (draft.PublishAtUtc is { } p ? $", public from {p:O}" : "") + (unpublishAtUtc is { } u ? $", until {u:O}" : "") + (wording.Count > 0 ? "; " + string.Join(" ", wording) : ""));

        await db.SaveChangesAsync(cancellationToken);
        return new(AuthoringOutcome.Done, [], id, changes);
    }

    /// <summary>Takes the published version off the public site now (it stays, superseded by nothing, for the record).</summary>
    public async Task<AuthoringResult> UnpublishAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is not null && IsManagedInUmbraco(consultation))
        {
            return AuthoringResult.Of(AuthoringOutcome.ManagedInUmbraco);
        }

        var published = consultation is null ? null : Published(consultation);
        if (published is null)
        {
            return AuthoringResult.Of(consultation is null ? AuthoringOutcome.NotFound : AuthoringOutcome.NothingToPublish);
        }

        published.UnpublishAtUtc = time.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.ConsultationUnpublished, actor.Id, actor.Email, subject: "consultation " + consultation!.Slug, detail: $"version {published.Number}");
        await db.SaveChangesAsync(cancellationToken);
        return new(AuthoringOutcome.Done, [], id);
    }

    public static DraftFields FieldsOf(ConsultationVersion version, string slug) => new()
    {
        Title = version.Title,
        Slug = slug,
        Summary = version.Summary,
        Body = version.Body,
        HowToRespond = version.HowToRespond,
        Audience = version.Audience,
        OpensUtc = version.AuthoredOpensUtc,
        ClosesUtc = version.AuthoredClosesUtc,
        PartnershipDeadlineUtc = version.AuthoredPartnershipDeadlineUtc,
        Documents = version.Documents,
    };

    private async Task<AuthoringResult> EditQuestionsAsync(Guid id, Actor actor, Func<List<Question>, (List<Question>? Questions, IReadOnlyList<FieldProblem> Problems)> edit, CancellationToken cancellationToken)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null || IsManagedInUmbraco(consultation))
        {
            return AuthoringResult.Of(consultation is null ? AuthoringOutcome.NotFound : AuthoringOutcome.ManagedInUmbraco);
        }

        var draft = EnsureDraft(consultation);
        var (questions, problems) = edit([.. draft.Questions]);
        if (questions is null)
        {
            return new(AuthoringOutcome.Invalid, problems);
        }

        // Numbers follow the order; keys never change, so answers stay attached to their question.
        draft.Questions = [.. questions.Select((q, i) => q with { Number = i + 1 })];
        Rehash(consultation, draft);
        audit.Record(AuditActions.ConsultationDraftSaved, actor.Id, actor.Email, subject: "consultation " + consultation.Slug, detail: $"version {draft.Number} questions");
        await db.SaveChangesAsync(cancellationToken);
        return new(AuthoringOutcome.Done, [], id);
    }

    private ConsultationVersion EnsureDraft(Consultation consultation)
    {
        if (Draft(consultation) is { } draft)
        {
            return draft;
        }

        var source = Current(consultation);
        var copy = new ConsultationVersion
        {
            Number = consultation.Versions.Max(v => v.Number) + 1,
            State = VersionState.Draft,
            Title = source.Title,
            Summary = source.Summary,
            Body = source.Body,
            BodyFormat = source.BodyFormat,
            HowToRespond = source.HowToRespond,
            Audience = [.. source.Audience],
            Publisher = source.Publisher,
            SourceUrl = source.SourceUrl,
            AuthoredOpensUtc = source.AuthoredOpensUtc,
            AuthoredClosesUtc = source.AuthoredClosesUtc,
            AuthoredPartnershipDeadlineUtc = source.AuthoredPartnershipDeadlineUtc,
            PartnershipDeadlineIsIllustrative = source.PartnershipDeadlineIsIllustrative,
            DemoShiftDays = source.DemoShiftDays,
            OpensUtc = source.OpensUtc,
            ClosesUtc = source.ClosesUtc,
            PartnershipDeadlineUtc = source.PartnershipDeadlineUtc,
            Questions = [.. source.Questions],
            Documents = [.. source.Documents],
            ContentHash = source.ContentHash,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        consultation.Versions.Add(copy);
        return copy;
    }

    private static void Apply(ConsultationVersion draft, DraftFields fields)
    {
        draft.Title = fields.Title.Trim();
        draft.Summary = fields.Summary.Trim();
        draft.Body = fields.Body;
        draft.BodyFormat = BodyFormat.Markdown;
        draft.HowToRespond = string.IsNullOrWhiteSpace(fields.HowToRespond) ? null : fields.HowToRespond;
        draft.Audience = [.. fields.Audience];
        draft.Documents = [.. fields.Documents];
        draft.AuthoredOpensUtc = fields.OpensUtc!.Value;
        draft.AuthoredClosesUtc = fields.ClosesUtc!.Value;
        draft.AuthoredPartnershipDeadlineUtc = fields.PartnershipDeadlineUtc;
        draft.PartnershipDeadlineIsIllustrative = false;
        draft.ApplyDemoShift(draft.DemoShiftDays);
    }

    /// <summary>The same hash content packages use, so a back-office version and a package version with equal content are equal.</summary>
    private static void Rehash(Consultation consultation, ConsultationVersion version) =>
        version.ContentHash = new ConsultationContent
        {
            OriginKey = consultation.OriginKey ?? consultation.Id.ToString(),
            Slug = consultation.Slug,
            Title = version.Title,
            Summary = version.Summary,
            Body = version.Body,
            BodyFormat = version.BodyFormat,
            HowToRespond = version.HowToRespond,
            Audience = version.Audience,
            Publisher = version.Publisher,
            SourceUrl = version.SourceUrl,
            OpensUtc = version.AuthoredOpensUtc,
            ClosesUtc = version.AuthoredClosesUtc,
            PartnershipDeadlineUtc = version.AuthoredPartnershipDeadlineUtc,
            PartnershipDeadlineIsIllustrative = version.PartnershipDeadlineIsIllustrative,
            Questions = version.Questions,
            Documents = version.Documents,
        }.ComputeHash();
}
