using System.Globalization;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

/// <summary>What an officer typed about a response from another channel (a letter, an email, a call, a paper or Easy
/// Read form, notes from an event). <see cref="EntryKey"/> comes from the form, so a double submit enters it once.</summary>
public sealed record KeyedResponseInput(
    string? Channel,
    string? ReceivedOn,
    string? RespondentType,
    string? OrganisationName,
    string? Role,
    string? PostcodeDistrict,
    string? Email,
    string? Publishing,
    string? PublishedName,
    string? EntryKey);

public sealed record KeyedResponse(
    ResponseChannel Channel,
    DateOnly ReceivedOn,
    ResponseRules.AboutYou About,
    PublishingConsent Publishing,
    string? PublishedName,
    IReadOnlyDictionary<string, AnswerState> Answers);

public enum KeyInOutcome
{
    Entered,

    /// <summary>This form was entered before (a double click, a resubmit): the same reference.</summary>
    AlreadyEntered,

    /// <summary>No such consultation, or it has no published questions to answer.</summary>
    NotFound,

    Invalid,
}

public sealed record KeyInResult(KeyInOutcome Outcome, string? Reference = null, IReadOnlyList<FieldError>? Errors = null);

/// <summary>
/// Responses from other channels, keyed in by officers. They take a reference from the same counter as online
/// responses (<see cref="ResponseSubmission.NextReferenceAsync"/>) and are ordinary rows of the responses table
/// with their channel and the day they were received, so they count like any other. Questions are not required
/// here: a letter answers what it answers.
/// </summary>
public sealed class KeyedResponses(PortalDbContext db, ResponseSubmission submission, AuditLog audit, TimeProvider time)
{
    /// <summary>The channels an officer can key in (online and partner submissions arrive by themselves).</summary>
    public static readonly IReadOnlyList<ResponseChannel> Channels =
        [ResponseChannel.Letter, ResponseChannel.Email, ResponseChannel.Telephone, ResponseChannel.PaperForm, ResponseChannel.EasyReadForm, ResponseChannel.EventNotes];

    /// <summary>The version whose questions keyed-in responses answer: the published one.</summary>
    public Task<ConsultationVersion?> VersionAsync(Guid consultationId, CancellationToken cancellationToken = default) =>
        db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.ConsultationId == consultationId && v.State == VersionState.Published)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Checks the form: a channel officers key in, a received day not after today, the respondent's details
    /// by the public journey's rules, and each answer by the question's own rules (none required).</summary>
    public static Validated<KeyedResponse> Validate(ConsultationVersion version, KeyedResponseInput input, Func<string, IReadOnlyList<string>> form, DateOnly todayUk)
    {
        var errors = new List<FieldError>();
        ResponseChannel? channel = Enum.TryParse<ResponseChannel>(input.Channel, out var parsed) && Channels.Contains(parsed) && !int.TryParse(input.Channel, out _) ? parsed : null;
        if (channel is null)
        {
            errors.Add(new("Channel", "Select how the response arrived"));
        }

        var receivedOn = ParseDay(input.ReceivedOn);
        if (string.IsNullOrWhiteSpace(input.ReceivedOn))
        {
            errors.Add(new("ReceivedOn", "Enter the date the response was received"));
        }
        else if (receivedOn is null)
        {
            errors.Add(new("ReceivedOn", "Enter the date received as a real date, like 7 January 2021"));
        }
        else if (receivedOn > todayUk)
        {
            errors.Add(new("ReceivedOn", "The date received must be today or in the past"));
        }

        var about = ResponseRules.ValidateAboutYou(new(input.RespondentType, input.OrganisationName, input.Role, input.PostcodeDistrict, input.Email));
        errors.AddRange(about.Errors.Select(e => e with { Message = ForOfficer(e) }));

        PublishingConsent publishing = PublishingConsent.DoNotPublish;
        string? publishedName = null;
        if (!string.IsNullOrEmpty(input.Publishing))
        {
            var validated = ResponseRules.ValidatePublishing(new(input.Publishing, input.PublishedName));
            errors.AddRange(validated.Errors);
            publishing = validated.Value.Consent ?? PublishingConsent.DoNotPublish;
            publishedName = validated.Value.Name;
        }

        var page = new QuestionPage(0, null, [.. version.Questions.Select(q => q with { Required = false })]);
        var answers = ResponseRules.ValidatePage(page, form);
        errors.AddRange(answers.Errors);
        return new(new KeyedResponse(channel ?? ResponseChannel.Letter, receivedOn ?? todayUk, about.Value, publishing, publishedName, answers.Value), errors);
    }

    public async Task<KeyInResult> KeyInAsync(Guid consultationId, KeyedResponseInput input, Func<string, IReadOnlyList<string>> form, Actor actor, CancellationToken cancellationToken = default)
    {
        var version = await VersionAsync(consultationId, cancellationToken);
        if (version is null)
        {
            return new(KeyInOutcome.NotFound);
        }

        var idempotencyKey = IdempotencyKey(input.EntryKey);
        if (await ReferenceForAsync(idempotencyKey, cancellationToken) is { } existing)
        {
            return new(KeyInOutcome.AlreadyEntered, existing);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var validated = Validate(version, input, form, UkTime.TodayUk(time));
        if (!validated.IsValid)
        {
            return new(KeyInOutcome.Invalid, Errors: validated.Errors);
        }

        var entry = validated.Value;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var reference = await submission.NextReferenceAsync(cancellationToken);
            var response = new Response
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), // time-ordered (docs/adr/0152)
                ConsultationId = consultationId,
                ConsultationVersionId = version.Id,
                Reference = reference,
                IdempotencyKey = idempotencyKey,
                RespondentType = entry.About.RespondentType ?? RespondentType.Individual,
                OrganisationName = entry.About.OrganisationName,
                Role = entry.About.Role,
                PostcodeDistrict = entry.About.PostcodeDistrict,
                Email = entry.About.Email,
                PublishingConsent = entry.Publishing,
                PublishedName = entry.PublishedName,
                Channel = entry.Channel,
                SubmittedUtc = ReceivedUtc(entry.ReceivedOn, now),
                UpdatedUtc = now,
            };
            var answers = ResponseSubmission.AnswersOf(response, version, entry.Answers);
            db.Responses.Add(response);
            audit.Record(AuditActions.ResponseKeyedIn, actor.Id, actor.Email, ResponseList.SubjectOf(reference), $"{entry.Channel} received {entry.ReceivedOn:yyyy-MM-dd}, {answers.Count} answer(s)");
            await db.SaveChangesAsync(cancellationToken);
            await db.InsertRowsAsync(answers, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new(KeyInOutcome.Entered, reference);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // The same form was submitted twice at once: the other request entered it.
            db.ChangeTracker.Clear();
            return new(KeyInOutcome.AlreadyEntered, await ReferenceForAsync(idempotencyKey, cancellationToken));
        }
    }

    /// <summary>The day it arrived, at noon UK time (so the day is the same in UTC and UK time); today's at this moment.</summary>
    public static DateTime ReceivedUtc(DateOnly receivedOn, DateTime nowUtc) =>
        receivedOn == DateOnly.FromDateTime(UkTime.ToUk(nowUtc)) ? nowUtc : UkTime.FromUk(receivedOn.ToDateTime(new TimeOnly(12, 0)));

    public static DateOnly? ParseDay(string? typed)
    {
        var text = typed?.Trim();
        string[] formats = ["yyyy-MM-dd", "d/M/yyyy", "d M yyyy", "d MMMM yyyy", "d MMM yyyy"];
        return DateOnly.TryParseExact(text, formats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var day) ? day : null;
    }

    private Task<string?> ReferenceForAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        db.Responses.AsNoTracking().Where(r => r.IdempotencyKey == idempotencyKey).Select(r => r.Reference).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A form's entry key (a GUID it was given when drawn); anything else gets a fresh one.</summary>
    private static string IdempotencyKey(string? entryKey) =>
        "keyed-" + (Guid.TryParse(entryKey, out var key) ? key : Guid.NewGuid()).ToString("N");

    /// <summary>The public journey speaks to the respondent ("your organisation"); the officer is told about them.</summary>
    private static string ForOfficer(FieldError error) => error.Field switch
    {
        "RespondentType" => "Select whether the response is from an individual or on behalf of an organisation",
        "OrganisationName" when error.Message.StartsWith("Enter", StringComparison.Ordinal) => "Enter the name of the organisation",
        "Role" when error.Message.StartsWith("Enter", StringComparison.Ordinal) => "Enter the respondent's role in the organisation",
        "Email" when error.Message.StartsWith("Enter your", StringComparison.Ordinal) => "Enter the respondent's email address",
        _ => error.Message,
    };
}
