using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Time;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stored = EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Collation.Runs;

/// <summary>A real SQLite file with a consultation (two agree/disagree questions, the first with an explanation, and a
/// free-text question), places, a clock the test moves, and the collation services as the portal registers them.</summary>
public sealed class CollationRig : IDisposable
{
    public static readonly DateTime Opens = UkTime.FromUk(new DateTime(2020, 11, 24, 0, 0, 0));
    public static readonly DateTime Closes = UkTime.FromUk(new DateTime(2021, 1, 8, 23, 59, 0));
    public static readonly DateTime Deadline = UkTime.FromUk(new DateTime(2021, 1, 4, 17, 0, 0));

    private readonly ServiceProvider _services;

    public CollationRig(Action<CollationOptions>? configure = null)
    {
        var options = new CollationOptions();
        configure?.Invoke(options);
        Options = options;
        var services = new ServiceCollection();
        services.AddScoped<PortalDbContext>(_ => Database.CreateContext());
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Email));
        services.AddSingleton<CollationStateCache>();
        services.AddScoped<CollationReader>();
        services.AddScoped<CollationRunner>();
        services.AddScoped<CollationRuns>();
        services.AddScoped<IPartnerSubmissionDetails, EngagementPortal.Core.Partners.PartnerSubmissionDetails>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<IOfficerRecipients, ConfiguredOfficerRecipients>();
        services.AddScoped<OfficerNotices>();
        services.AddScoped<SentNotices>();
        services.AddScoped<CollationJob>();
        services.AddScoped<DemoResponses>();
        _services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public CollationOptions Options { get; }

    public EmailOptions Email { get; } = new() { From = "engagement@example.nhs.uk", FromName = "Humber, Coast and Vale Health and Care Partnership", OfficerNotifications = ["lead.officer@example.nhs.uk"] };

    public Guid ConsultationId { get; private set; }

    public Guid VersionId { get; private set; }

    public static IReadOnlyList<Question> Questions { get; } =
    [
        new Question { Key = "q1", Number = 1, Text = "Do you agree that giving ICSs a statutory footing from 2022 provides the right foundation?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain your answer" },
        new Question { Key = "q2", Number = 2, Text = "Do you agree that option 2 offers a model that provides greater incentive for collaboration?", Type = QuestionType.AgreeDisagree },
        new Question { Key = "q3", Number = 3, Text = "What else should the partnership consider?", Type = QuestionType.FreeText },
    ];

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider);
    }

    public async Task<Guid> PublishAsync(string slug = "integrating-care", DateTime? opens = null, DateTime? closes = null, DateTime? deadline = null)
    {
        await using var db = Database.CreateContext();
        var consultation = new Consultation { Id = Guid.NewGuid(), Slug = slug, Origin = ContentOrigin.BackOffice, OriginKey = slug, CreatedUtc = Opens.AddDays(-7) };
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            Number = 1,
            State = VersionState.Published,
            Title = "Integrating care: next steps to building strong and effective integrated care systems across England",
            Summary = "Summary",
            Body = "Body",
            ContentHash = Guid.NewGuid().ToString("N"),
            AuthoredOpensUtc = opens ?? Opens,
            AuthoredClosesUtc = closes ?? Closes,
            AuthoredPartnershipDeadlineUtc = deadline ?? Deadline,
            OpensUtc = opens ?? Opens,
            ClosesUtc = closes ?? Closes,
            PartnershipDeadlineUtc = deadline ?? Deadline,
            CreatedUtc = Opens.AddDays(-7),
            PublishedUtc = Opens.AddDays(-7),
            Questions = [.. Questions],
        };
        consultation.Versions.Add(version);
        db.Consultations.Add(consultation);
        if (!await db.Places.AnyAsync())
        {
            db.Places.Add(new Place { Id = Guid.NewGuid(), Name = "Hull", PostcodeDistricts = ["HU1", "HU2"] });
            db.Places.Add(new Place { Id = Guid.NewGuid(), Name = "York", PostcodeDistricts = ["YO1", "YO10"] });
        }

        await db.SaveChangesAsync();
        ConsultationId = consultation.Id;
        VersionId = version.Id;
        return consultation.Id;
    }

    /// <summary>Stores one response the way the journey, the back office or the partners' workspace would.</summary>
    public async Task<Response> AddResponseAsync(
        Stored.RespondentType type = Stored.RespondentType.Individual,
        string? q1 = null,
        string? q1Explain = null,
        string? q2 = null,
        string? q3 = null,
        string? q3Redacted = null,
        Stored.ModerationState moderation = Stored.ModerationState.None,
        Stored.PublishingConsent consent = Stored.PublishingConsent.PublishAnonymously,
        string? district = null,
        string? organisation = null,
        string? name = null,
        string? email = null,
        ResponseChannel channel = ResponseChannel.Online,
        Guid? partnerSubmissionId = null,
        Guid? id = null)
    {
        await using var db = Database.CreateContext();
        var now = Time.GetUtcNow().UtcDateTime;
        var count = await db.Responses.CountAsync();
        var response = new Response
        {
            Id = id ?? Guid.NewGuid(),
            ConsultationId = ConsultationId,
            ConsultationVersionId = VersionId,
            Reference = ResponseReference.Format("ICS", count + 1),
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            RespondentType = type,
            OrganisationName = organisation,
            PostcodeDistrict = district,
            Email = email,
            PublishingConsent = consent,
            PublishedName = name,
            Channel = channel,
            SubmittedUtc = now,
            UpdatedUtc = now,
            ModerationState = moderation,
            PartnerSubmissionId = partnerSubmissionId,
        };
        void Add(string key, string? choice, string? text, string? redacted = null)
        {
            if (choice is not null || text is not null)
            {
                response.Answers.Add(new ResponseAnswer { ConsultationId = ConsultationId, QuestionKey = key, Choice = choice, Text = text, RedactedText = redacted });
            }
        }

        Add("q1", q1, null);
        Add("q1-explain", null, q1Explain);
        Add("q2", q2, null);
        Add("q3", null, q3, q3Redacted);
        db.Responses.Add(response);
        await db.SaveChangesAsync();
        return response;
    }

    public async Task<Guid> AddThemeAsync(string questionKey, string name, Guid? mergedInto = null)
    {
        await using var db = Database.CreateContext();
        var theme = new CodingTheme { Id = Guid.NewGuid(), ConsultationId = ConsultationId, QuestionKey = questionKey, Name = name, CreatedUtc = Time.GetUtcNow().UtcDateTime, MergedIntoThemeId = mergedInto };
        db.CodingThemes.Add(theme);
        await db.SaveChangesAsync();
        return theme.Id;
    }

    /// <summary>Tags an answer as the coding page does: the tag, and the response's UpdatedUtc bumped.</summary>
    public async Task TagAsync(Guid responseId, string questionKey, Guid themeId)
    {
        await using var db = Database.CreateContext();
        var answer = await db.ResponseAnswers.SingleAsync(a => a.ResponseId == responseId && a.QuestionKey == questionKey);
        db.AnswerThemes.Add(new AnswerTheme { ResponseAnswerId = answer.Id, ThemeId = themeId, TaggedUtc = Time.GetUtcNow().UtcDateTime });
        var response = await db.Responses.SingleAsync(r => r.Id == responseId);
        response.UpdatedUtc = Time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    public async Task ModerateAsync(Guid responseId, Stored.ModerationState state)
    {
        await using var db = Database.CreateContext();
        var response = await db.Responses.SingleAsync(r => r.Id == responseId);
        response.ModerationState = state;
        response.UpdatedUtc = Time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    public Task<CollationRunResult> CollateAsync(CollationTrigger trigger = CollationTrigger.OnDemand) =>
        WithAsync(sp => sp.GetRequiredService<CollationRunner>().RunAsync(ConsultationId, trigger));

    public async Task<List<CollationRun>> RunsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.CollationRuns.AsNoTracking().OrderBy(r => r.StartedUtc).ThenBy(r => r.FinishedUtc).ToListAsync();
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedUtc).ToListAsync();
    }

    public void Dispose()
    {
        _services.Dispose();
        Database.Dispose();
    }
}
