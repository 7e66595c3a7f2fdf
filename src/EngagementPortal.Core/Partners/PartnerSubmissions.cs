using System.Globalization;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Partners;

/// <summary>A submission with the published version of its consultation and its organisation.</summary>
public sealed record Workspace(PartnerSubmission Submission, ConsultationVersion Version, PartnerOrganisation Organisation)
{
    public PartnerAnswer? Answer(string key) => Submission.Answers.FirstOrDefault(a => a.Key == key);
}

/// <summary>What a contributor typed: the question fields as posted, under the public journey's field ids
/// (<see cref="ResponseRules.FieldId"/>, <see cref="ResponseRules.OtherFieldId"/>), the overall position and evidence.</summary>
public sealed record DraftInput(IReadOnlyDictionary<string, IReadOnlyList<string>> Fields, string? OverallPosition, string? Evidence);

public enum DraftOutcome
{
    Saved,

    /// <summary>Someone else saved since the form was loaded: nothing was written; <see cref="DraftResult.Current"/> is theirs.</summary>
    Conflict,

    Locked,
    Invalid,
    NotFound,
}

public sealed record DraftResult(DraftOutcome Outcome, IReadOnlyList<FieldProblem> Problems, PartnerSubmission? Current = null);

public sealed record SignOffInput(string? SignatoryName, string? SignatoryRole, GovernanceStatus? Governance, string? ApprovedDay, string? ApprovedMonth, string? ApprovedYear);

public enum PartnerSubmitOutcome
{
    Submitted,
    AlreadySubmitted,

    /// <summary>The consultation has closed (or not yet opened): nothing changed, the draft is kept.</summary>
    NotOpen,

    Invalid,
    NotFound,
}

public sealed record PartnerSubmitResult(PartnerSubmitOutcome Outcome, IReadOnlyList<FieldProblem> Problems, string? Reference = null, bool Late = false);

public enum LetterOutcome
{
    Attached,
    Empty,
    TooLarge,
    NotPdfOrDocx,
    Locked,
    NotFound,
}

/// <summary>Where letters are kept: its own folder, apart from the public documents.</summary>
public sealed class PartnerLetterStore(DocumentStore store)
{
    public DocumentStore Store => store;
}

/// <summary>
/// The partner workspace: drafts, the letter, sign-off and submission. Every method takes the caller's organisation
/// and finds a submission only by (id, organisation), so no id of another organisation reaches anything.
/// </summary>
public sealed class PartnerSubmissions(
    PortalDbContext db,
    EmailOutbox outbox,
    OfficerNotices officers,
    PartnerInvitations invitations,
    PartnerLetterStore letters,
    AuditLog audit,
    TimeProvider time,
    ResponseSubmission responses,
    IOptions<EmailOptions> emailOptions)
{
    public const string ReceiptKind = "partner-receipt";
    public const int TextMaxLength = 20_000;

    public sealed record Summary(Guid Id, string Title, SubmissionState State, DateTime? PartnershipDeadlineUtc, DateTime ClosesUtc, DateTime? LastEditedUtc, string? LastEditedBy, string? Reference, bool IsLate);

    /// <summary>The organisation's submissions, newest invitation first.</summary>
    public async Task<IReadOnlyList<Summary>> ForOrganisationAsync(Guid organisationId, CancellationToken cancellationToken = default)
    {
        var rows = await db.PartnerSubmissions.AsNoTracking().Where(s => s.OrganisationId == organisationId)
            .Join(db.ConsultationVersions.Where(v => v.State == VersionState.Published), s => s.ConsultationId, v => v.ConsultationId, (s, v) => new { s, v })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.s.InvitedUtc).Select(r => new Summary(r.s.Id, r.v.Title, r.s.State, r.v.PartnershipDeadlineUtc, r.v.ClosesUtc, r.s.LastEditedUtc, r.s.LastEditedBy, r.s.Reference, r.s.IsLate))];
    }

    public async Task<Workspace?> FindAsync(Guid id, Guid organisationId, CancellationToken cancellationToken = default)
    {
        var submission = await db.PartnerSubmissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == organisationId, cancellationToken);
        if (submission is null)
        {
            return null;
        }

        var version = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .SingleOrDefaultAsync(v => v.ConsultationId == submission.ConsultationId && v.State == VersionState.Published, cancellationToken);
        var organisation = await db.PartnerOrganisations.AsNoTracking().SingleAsync(o => o.Id == organisationId, cancellationToken);
        return version is null ? null : new Workspace(submission, version, organisation);
    }

    /// <summary>Saves the draft if nobody saved since <paramref name="expectedVersion"/>; otherwise nothing is written
    /// and the other person's version comes back so the page can show both.</summary>
    public async Task<DraftResult> SaveDraftAsync(Guid id, Guid organisationId, int expectedVersion, DraftInput input, PortalUser editor, CancellationToken cancellationToken = default)
    {
        var workspace = await FindAsync(id, organisationId, cancellationToken);
        if (workspace is null)
        {
            return new(DraftOutcome.NotFound, []);
        }

        if (workspace.Submission.State == SubmissionState.Submitted)
        {
            return new(DraftOutcome.Locked, []);
        }

        var (answers, problems) = Validate(workspace.Version, input);
        if (problems.Count > 0)
        {
            return new(DraftOutcome.Invalid, problems);
        }

        if (workspace.Submission.Version != expectedVersion)
        {
            return new(DraftOutcome.Conflict, [], workspace.Submission);
        }

        var submission = await db.PartnerSubmissions.SingleAsync(s => s.Id == id && s.OrganisationId == organisationId, cancellationToken);
        submission.Answers = [.. AnswersFrom(workspace.Version, answers)];
        submission.OverallPosition = Clean(input.OverallPosition);
        submission.Evidence = Clean(input.Evidence);
        Touch(submission, editor);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between our read and our write: the same conflict, found by the database.
            db.ChangeTracker.Clear();
            var current = await db.PartnerSubmissions.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
            return new(DraftOutcome.Conflict, [], current);
        }

        return new(DraftOutcome.Saved, []);
    }

    public async Task<LetterOutcome> AttachLetterAsync(Guid id, Guid organisationId, Stream content, PortalUser editor, CancellationToken cancellationToken = default)
    {
        var submission = await db.PartnerSubmissions.SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == organisationId, cancellationToken);
        if (submission is null)
        {
            return LetterOutcome.NotFound;
        }

        if (submission.State == SubmissionState.Submitted)
        {
            return LetterOutcome.Locked;
        }

        var stored = await letters.Store.SaveAsync(content, cancellationToken);
        switch (stored.Outcome)
        {
            case DocumentCheck.Empty:
                return LetterOutcome.Empty;
            case DocumentCheck.TooLarge:
                return LetterOutcome.TooLarge;
            case DocumentCheck.NotPdfOrDocx:
                return LetterOutcome.NotPdfOrDocx;
        }

        var previous = submission.LetterFile;
        submission.LetterFile = stored.FileName;
        submission.LetterFormat = stored.Format;
        submission.LetterSizeBytes = stored.SizeBytes;

        // A letter does not touch the text fields, so it does not make a colleague's open form a conflict.
        Touch(submission, editor, newVersion: false);
        await db.SaveChangesAsync(cancellationToken);
        DeleteLetter(previous);
        return LetterOutcome.Attached;
    }

    public async Task<LetterOutcome> RemoveLetterAsync(Guid id, Guid organisationId, PortalUser editor, CancellationToken cancellationToken = default)
    {
        var submission = await db.PartnerSubmissions.SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == organisationId, cancellationToken);
        if (submission is null)
        {
            return LetterOutcome.NotFound;
        }

        if (submission.State == SubmissionState.Submitted)
        {
            return LetterOutcome.Locked;
        }

        var previous = submission.LetterFile;
        submission.LetterFile = null;
        submission.LetterFormat = null;
        submission.LetterSizeBytes = 0;
        Touch(submission, editor, newVersion: false);
        await db.SaveChangesAsync(cancellationToken);
        DeleteLetter(previous);
        return LetterOutcome.Attached;
    }

    /// <summary>The letter's file, for the organisation's own contributors (or officers, who pass no organisation check).</summary>
    public string? LetterPath(PartnerSubmission submission) => submission.LetterFile is { } name ? letters.Store.Find(name) : null;

    /// <summary>Signs off and submits: locks the draft, gives a reference, writes (or on resubmission, updates) the
    /// submission's one row in responses, emails every contributor the whole submission, and tells the officers
    /// when it is late. All in one transaction.</summary>
    public async Task<PartnerSubmitResult> SubmitAsync(Guid id, Guid organisationId, SignOffInput input, PortalUser submitter, string baseUrl, CancellationToken cancellationToken = default)
    {
        var workspace = await FindAsync(id, organisationId, cancellationToken);
        if (workspace is null)
        {
            return new(PartnerSubmitOutcome.NotFound, []);
        }

        if (workspace.Submission.State == SubmissionState.Submitted)
        {
            return new(PartnerSubmitOutcome.AlreadySubmitted, [], workspace.Submission.Reference, workspace.Submission.IsLate);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var version = workspace.Version;
        if (version.PhaseAt(now) != ConsultationPhase.Open || version.Consultation.UnpublishedUtc is not null)
        {
            return new(PartnerSubmitOutcome.NotOpen, []);
        }

        var (problems, approvedOn) = ValidateSignOff(input, workspace.Submission);
        if (problems.Count > 0)
        {
            return new(PartnerSubmitOutcome.Invalid, problems);
        }

        var late = version.PartnershipDeadlineUtc is { } deadline && now > deadline;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var submission = await db.PartnerSubmissions.SingleAsync(s => s.Id == id && s.OrganisationId == organisationId, cancellationToken);
        if (submission.State == SubmissionState.Submitted)
        {
            return new(PartnerSubmitOutcome.AlreadySubmitted, [], submission.Reference, submission.IsLate);
        }

        // The responses' own counter, so partner references share the public ones' sequence and never collide.
        submission.Reference ??= await responses.NextReferenceAsync(cancellationToken);
        submission.SignatoryName = input.SignatoryName!.Trim();
        submission.SignatoryRole = input.SignatoryRole!.Trim();
        submission.GovernanceStatus = input.Governance;
        submission.ApprovedOn = approvedOn;
        submission.SubmittedUtc = now;
        submission.SubmittedBy = submitter.DisplayName;
        submission.IsLate = late;
        submission.Version++;
        await WriteResponseAsync(submission, workspace.Organisation, version, now, cancellationToken);

        var receipt = Receipt(workspace with { Submission = submission }, baseUrl);
        foreach (var contributor in await invitations.ContributorsAsync(organisationId, cancellationToken))
        {
            outbox.Enqueue(ReceiptKind, contributor.Email!, receipt, submission.Reference, version.ConsultationId);
        }

        if (late)
        {
            await officers.LatePartnerSubmissionAsync(workspace.Organisation.Name, version.Title, submission.Reference, now, version.PartnershipDeadlineUtc!.Value, cancellationToken);
        }

        audit.Record(PartnerAudit.Submitted, submitter.Id, submitter.Email!, subject: workspace.Organisation.Name, detail: $"{submission.Reference}{(late ? " (late)" : "")}: {version.Title}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(PartnerSubmitOutcome.Submitted, [], submission.Reference, late);
    }

    /// <summary>Officers reopen a submitted response at the organisation's request (audited). Its responses row stays
    /// until the organisation submits again, which updates it.</summary>
    public async Task<bool> ReopenAsync(Guid id, Actor actor, string? reason, CancellationToken cancellationToken = default)
    {
        var submission = await db.PartnerSubmissions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (submission is null || submission.SubmittedUtc is null)
        {
            return false;
        }

        var organisation = await db.PartnerOrganisations.AsNoTracking().SingleAsync(o => o.Id == submission.OrganisationId, cancellationToken);
        submission.SubmittedUtc = null;
        submission.ReopenedUtc = time.GetUtcNow().UtcDateTime;
        submission.Version++;
        audit.Record(PartnerAudit.Reopened, actor.Id, actor.Email, subject: organisation.Name, detail: $"{submission.Reference}: {(string.IsNullOrWhiteSpace(reason) ? "at the organisation's request" : reason.Trim())}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task WriteResponseAsync(PartnerSubmission submission, PartnerOrganisation organisation, ConsultationVersion version, DateTime now, CancellationToken cancellationToken)
    {
        var response = submission.ResponseId is { } existing
            ? await db.Responses.Include(r => r.Answers).SingleOrDefaultAsync(r => r.Id == existing, cancellationToken)
            : null;
        if (response is null)
        {
            response = new Response
            {
                Id = Guid.NewGuid(),
                ConsultationId = version.ConsultationId,
                ConsultationVersionId = version.Id,
                Reference = submission.Reference!,
                IdempotencyKey = "partner-" + submission.Id.ToString("N"),
                SubmittedUtc = now,
            };
            db.Responses.Add(response);
            submission.ResponseId = response.Id;
        }
        else
        {
            db.ResponseAnswers.RemoveRange(response.Answers);
            response.Answers.Clear();
        }

        response.ConsultationVersionId = version.Id;
        response.RespondentType = RespondentType.PartnerOrganisation;
        response.Channel = ResponseChannel.PartnerSubmission;
        response.PartnerSubmissionId = submission.Id;
        response.OrganisationName = organisation.Name;
        response.Role = submission.SignatoryRole;
        response.PublishingConsent = PublishingConsent.PublishWithName;
        response.PublishedName = organisation.Name;
        response.SubmittedUtc = now;
        response.UpdatedUtc = now;
        foreach (var answer in submission.Answers)
        {
            response.Answers.Add(new ResponseAnswer
            {
                ResponseId = response.Id,
                ConsultationId = version.ConsultationId,
                QuestionKey = answer.Key,
                Choice = answer.Choice,
                Choices = [.. answer.Choices],
                Text = answer.Text,
            });
        }
    }

    /// <summary>The receipt: the whole submission as it was sent.</summary>
    private RenderedEmail Receipt(Workspace workspace, string baseUrl)
    {
        var submission = workspace.Submission;
        var rows = new List<KeyValuePair<string, string>>();
        foreach (var question in workspace.Version.Questions.OrderBy(q => q.Number))
        {
            var answer = workspace.Answer(question.AnswerKey);
            var value = answer is null ? "Not answered" : string.Join("; ", new[] { answer.Choice, answer.Choices.Count > 0 ? string.Join(", ", answer.Choices) : null, answer.Text }.Where(v => !string.IsNullOrEmpty(v)));
            rows.Add(new($"{question.Number}. {question.Text}", value));
            if (question.FollowUpLabel is not null && workspace.Answer(question.ExplanationAnswerKey) is { Text: { } explanation })
            {
                rows.Add(new(question.FollowUpLabel, explanation));
            }
        }

        var blocks = new List<EmailBlock>
        {
            new EmailBlock.Paragraph($"{workspace.Organisation.Name}'s response to this consultation has been submitted:"),
            new EmailBlock.Inset(workspace.Version.Title + "\nReference: " + submission.Reference),
            new EmailBlock.Facts(
            [
                new("Submitted", UkTime.FormatDeadline(submission.SubmittedUtc!.Value) + (submission.IsLate ? " (after the partnership deadline)" : "")),
                new("Submitted by", submission.SubmittedBy ?? ""),
                new("Signed off by", $"{submission.SignatoryName}, {submission.SignatoryRole}"),
                new("Governance", submission.Governance ?? ""),
            ]),
            new EmailBlock.Paragraph("Your answers"),
            new EmailBlock.Facts(rows),
            new EmailBlock.Facts(
            [
                new("Overall position", submission.OverallPosition ?? "None given"),
                new("Evidence", submission.Evidence ?? "None given"),
                new("Letter", submission.LetterFile is null ? "None attached" : $"{submission.LetterFormat} attached ({submission.LetterSizeBytes / 1024} KB)"),
            ]),
            new EmailBlock.Link("See it in the partner area", baseUrl.TrimEnd('/') + "/partners/submissions/" + submission.Id),
        };
        return EmailLayout.Render(new EmailContent($"Submitted: {workspace.Organisation.Name}'s response ({submission.Reference})", "Your organisation's response has been submitted", blocks), emailOptions.Value.FromName);
    }

    /// <summary>The public journey's own rules (<see cref="ResponseRules.ValidatePage"/>) with nothing required, since a
    /// draft may be saved half done: options must be listed, "Other" ticked needs its text, texts keep to their limit.</summary>
    internal static (Dictionary<string, AnswerState> Answers, List<FieldProblem> Problems) Validate(ConsultationVersion version, DraftInput input)
    {
        var page = new QuestionPage(0, null, [.. version.Questions.Select(q => q with { Required = false })]);
        var validated = ResponseRules.ValidatePage(page, id => input.Fields.GetValueOrDefault(id) ?? []);
        var problems = validated.Errors.Select(e => new FieldProblem(e.Field, e.Message)).ToList();
        if ((input.OverallPosition?.Length ?? 0) > TextMaxLength)
        {
            problems.Add(new("OverallPosition", $"The overall position must be {TextMaxLength:N0} characters or fewer"));
        }

        if ((input.Evidence?.Length ?? 0) > TextMaxLength)
        {
            problems.Add(new("Evidence", $"The evidence must be {TextMaxLength:N0} characters or fewer"));
        }

        return (validated.Value, problems);
    }

    /// <summary>A saved draft as the form's fields (field id → values): what the page shows, and the same shape it posts.</summary>
    public static Dictionary<string, IReadOnlyList<string>> FieldsOf(ConsultationVersion version, PartnerSubmission submission)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var question in version.Questions)
        {
            if (submission.Answers.FirstOrDefault(a => a.Key == question.AnswerKey) is { } answer)
            {
                if (question.HasChoices)
                {
                    fields[ResponseRules.FieldId(question.Key)] = answer.Choice is null ? answer.Choices : [answer.Choice];
                    fields[ResponseRules.OtherFieldId(question.Key)] = answer.Text is null ? [] : [answer.Text];
                }
                else
                {
                    fields[ResponseRules.FieldId(question.Key)] = answer.Text is null ? [] : [answer.Text];
                }
            }

            if (submission.Answers.FirstOrDefault(a => a.Key == question.ExplanationAnswerKey) is { Text: { } explanation })
            {
                fields[ResponseRules.FieldId(question.ExplanationKey)] = [explanation];
            }
        }

        return fields;
    }

    /// <summary>The field ids a question posts, in the order of the form.</summary>
    public static IEnumerable<string> FieldIdsOf(Question question) =>
        [ResponseRules.FieldId(question.Key), ResponseRules.OtherFieldId(question.Key), ResponseRules.FieldId(question.ExplanationKey)];

    /// <summary>Stored as the journey stores them: choices in the question's order, the "Other" text beside its tick,
    /// the explanation under the revision's explanation key.</summary>
    private static IEnumerable<PartnerAnswer> AnswersFrom(ConsultationVersion version, Dictionary<string, AnswerState> answers)
    {
        foreach (var question in version.Questions.OrderBy(q => q.Number))
        {
            if (answers.GetValueOrDefault(question.AnswerKey) is { IsEmpty: false } answer)
            {
                yield return new PartnerAnswer(question.AnswerKey, answer.Choice, answer.Text) { Choices = [.. answer.Choices] };
            }

            if (question.FollowUpLabel is not null && answers.GetValueOrDefault(question.ExplanationAnswerKey) is { Text: { } explanation })
            {
                yield return new PartnerAnswer(question.ExplanationAnswerKey, null, explanation);
            }
        }
    }

    private static (List<FieldProblem> Problems, DateOnly? ApprovedOn) ValidateSignOff(SignOffInput input, PartnerSubmission submission)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(input.SignatoryName))
        {
            problems.Add(new("SignatoryName", "Enter the name of the person signing off the response"));
        }
        else if (input.SignatoryName.Trim().Length > 200)
        {
            problems.Add(new("SignatoryName", "The name must be 200 characters or fewer"));
        }

        if (string.IsNullOrWhiteSpace(input.SignatoryRole))
        {
            problems.Add(new("SignatoryRole", "Enter the signatory's role, like Chief Executive"));
        }
        else if (input.SignatoryRole.Trim().Length > 200)
        {
            problems.Add(new("SignatoryRole", "The role must be 200 characters or fewer"));
        }

        DateOnly? approvedOn = null;
        if (input.Governance is null)
        {
            problems.Add(new("Governance", "Select how the response was approved"));
        }
        else if (input.Governance == GovernanceStatus.ApprovedByBoard)
        {
            if (int.TryParse(input.ApprovedDay, CultureInfo.InvariantCulture, out var d) && int.TryParse(input.ApprovedMonth, CultureInfo.InvariantCulture, out var m) && int.TryParse(input.ApprovedYear, CultureInfo.InvariantCulture, out var y)
                && y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                approvedOn = new DateOnly(y, m, d);
            }
            else
            {
                problems.Add(new("ApprovedDay", "Enter the date the board approved the response, like 17 12 2020"));
            }
        }

        if (string.IsNullOrWhiteSpace(submission.OverallPosition) && submission.Answers.Count == 0 && submission.LetterFile is null)
        {
            problems.Add(new("Draft", "The response is empty: answer the questions, give your overall position or attach a letter first"));
        }

        return (problems, approvedOn);
    }

    private void Touch(PartnerSubmission submission, PortalUser editor, bool newVersion = true)
    {
        if (newVersion)
        {
            submission.Version++;
        }

        submission.LastEditedUtc = time.GetUtcNow().UtcDateTime;
        submission.LastEditedBy = editor.DisplayName;
    }

    private void DeleteLetter(string? name)
    {
        if (name is not null && letters.Store.Find(name) is { } path)
        {
            File.Delete(path);
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ReplaceLineEndings("\n");
}
