using System.Text.Json;
using EngagementPortal.Core.Collation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stored = EngagementPortal.Core.Responses;

namespace EngagementPortal.Core.Tests.Collation.Runs;

/// <summary>Stored responses read into the collator: one answer set per response, mapped and merged as collation needs.</summary>
public sealed class CollationReaderTests : IDisposable
{
    private readonly CollationRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private async Task<List<CollationAnswerSet>> ReadAsync(DateTime? since = null) => await _rig.WithAsync(async sp =>
    {
        var reader = sp.GetRequiredService<CollationReader>();
        var source = await reader.OpenAsync(_rig.ConsultationId, CancellationToken.None);
        Assert.NotNull(source);
        var sets = new List<CollationAnswerSet>();
        await foreach (var set in reader.ReadAsync(source, since, CancellationToken.None))
        {
            sets.Add(set);
        }

        return sets;
    });

    [Fact]
    public async Task Read_StoredResponse_ChoiceAndExplanationBecomeOneAnswerWithPlaceChannelConsentAndRedaction()
    {
        await _rig.PublishAsync();
        var stored = await _rig.AddResponseAsync(
            Stored.RespondentType.Organisation,
            q1: "Agree",
            q1Explain: "Joined-up care would help people in Hull leave hospital sooner.",
            q2: "Disagree",
            q3: "My neighbour Jane Smith waited six hours.",
            q3Redacted: "My neighbour [redacted] waited six hours.",
            moderation: Stored.ModerationState.Campaign,
            consent: Stored.PublishingConsent.PublishWithName,
            district: "hu2",
            organisation: "Friends of Hull Royal Infirmary",
            name: "Ann Example",
            email: "Ann@Example.org",
            channel: Stored.ResponseChannel.PaperForm);

        var set = Assert.Single(await ReadAsync());

        Assert.Equal(stored.Id.ToString(), set.ResponseId);
        Assert.Equal(RespondentType.OrganisationPublic, set.RespondentType);
        Assert.Equal(ModerationState.Campaign, set.Moderation);
        Assert.Equal(PublishingConsent.PublishWithName, set.Consent);
        Assert.Equal("Ann Example", set.DisplayName);
        Assert.Equal("Hull", set.Place);
        Assert.Equal("Paper form", set.Channel);
        Assert.NotNull(set.RespondentKey);
        Assert.DoesNotContain("example", set.RespondentKey, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(stored.UpdatedUtc, set.UpdatedAt.UtcDateTime);
        Assert.Collection(
            set.Answers,
            q1 =>
            {
                Assert.Equal("q1", q1.QuestionKey);
                Assert.Equal(["Agree"], q1.Choices);
                Assert.Equal("Joined-up care would help people in Hull leave hospital sooner.", q1.Text);
                Assert.Null(q1.RedactedText);
            },
            q2 =>
            {
                Assert.Equal("q2", q2.QuestionKey);
                Assert.Equal(["Disagree"], q2.Choices);
                Assert.Null(q2.Text);
            },
            q3 =>
            {
                Assert.Equal("q3", q3.QuestionKey);
                Assert.Equal("My neighbour Jane Smith waited six hours.", q3.Text);
                Assert.Equal("My neighbour [redacted] waited six hours.", q3.RedactedText);
            });
    }

    [Fact]
    public async Task Read_TaggedAnswers_ThemesUnderTheirCurrentNamesMergedFollowed()
    {
        await _rig.PublishAsync();
        var first = await _rig.AddResponseAsync(q1: "Agree", q1Explain: "More staff for social care please.");
        var second = await _rig.AddResponseAsync(q1: "Agree", q1Explain: "Funding for community nursing.");
        var funding = await _rig.AddThemeAsync("q1-explain", "Workforce and funding");
        var money = await _rig.AddThemeAsync("q1-explain", "Money", mergedInto: funding);
        var staff = await _rig.AddThemeAsync("q1-explain", "Staffing");
        await _rig.TagAsync(first.Id, "q1-explain", money);
        await _rig.TagAsync(first.Id, "q1-explain", staff);
        await _rig.TagAsync(second.Id, "q1-explain", funding);

        var sets = (await ReadAsync()).ToDictionary(s => s.ResponseId);

        Assert.Equal(["Staffing", "Workforce and funding"], sets[first.Id.ToString()].Answers.Single().Themes.Order(StringComparer.Ordinal));
        Assert.Equal(["Agree"], sets[first.Id.ToString()].Answers.Single().Choices);
        Assert.Equal(["Workforce and funding"], sets[second.Id.ToString()].Answers.Single().Themes);
    }

    [Fact]
    public async Task Read_PartnerSubmissionRow_PartnerColumnWithOrganisationAndGovernanceNotRecorded()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(Stored.RespondentType.PartnerOrganisation, q1: "Strongly agree", organisation: "Hull City Council", channel: Stored.ResponseChannel.PartnerSubmission, partnerSubmissionId: Guid.NewGuid());

        var set = Assert.Single(await ReadAsync());

        Assert.Equal(RespondentType.PartnerSubmission, set.RespondentType);
        Assert.Equal(new PartnerDetails("Hull City Council", CollationReader.GovernanceNotRecorded), set.Partner);
        Assert.Equal("Partner submission", set.Channel);
    }

    [Fact]
    public async Task Read_ChangedSince_OnlyResponsesUpdatedAtOrAfterInIdOrder()
    {
        await _rig.PublishAsync();
        await _rig.AddResponseAsync(q1: "Agree");
        _rig.Time.Advance(TimeSpan.FromHours(1));
        var since = _rig.Time.GetUtcNow().UtcDateTime;
        var later = new[] { await _rig.AddResponseAsync(q1: "Disagree"), await _rig.AddResponseAsync(q2: "Agree") };

        var sets = await ReadAsync(since);

        Assert.Equal(later.Select(r => r.Id.ToString()).Order(StringComparer.OrdinalIgnoreCase), sets.Select(s => s.ResponseId));
    }

    [Fact]
    public async Task Read_ThenCollated_SameHashAsTheSameAnswersBuiltByHand()
    {
        await _rig.PublishAsync();
        var a = await _rig.AddResponseAsync(q1: "Agree", q1Explain: "Joined-up care matters.", district: "YO1", consent: Stored.PublishingConsent.DoNotPublish);
        var b = await _rig.AddResponseAsync(q1: "Disagree", q2: "Agree", q3: "Transport is hard from the villages.", moderation: Stored.ModerationState.Spam);
        var sets = await ReadAsync();
        var options = new CollationOptions();
        var source = await _rig.WithAsync(sp => sp.GetRequiredService<CollationReader>().OpenAsync(_rig.ConsultationId, CancellationToken.None));

        var byHand = new[]
        {
            new CollationAnswerSet
            {
                ResponseId = a.Id.ToString(), RespondentType = RespondentType.Individual, Place = "York", Consent = PublishingConsent.DoNotPublish, UpdatedAt = a.UpdatedUtc,
                Answers = [new CollationAnswer { QuestionKey = "q1", Choices = ["Agree"], Text = "Joined-up care matters." }],
            },
            new CollationAnswerSet
            {
                ResponseId = b.Id.ToString(), RespondentType = RespondentType.Individual, Moderation = ModerationState.Spam, Consent = PublishingConsent.PublishAnonymously, UpdatedAt = b.UpdatedUtc,
                Answers = [new CollationAnswer { QuestionKey = "q1", Choices = ["Disagree"] }, new CollationAnswer { QuestionKey = "q2", Choices = ["Agree"] }, new CollationAnswer { QuestionKey = "q3", Text = "Transport is hard from the villages." }],
            },
        };
        var collator = new Collator(_rig.Time);

        var fromDatabase = await collator.CollateAsync(source!.Definition, options, sets);
        var fromHand = await collator.CollateAsync(source.Definition, options, byHand);

        Assert.Equal(fromHand.Snapshot.ContentHash, fromDatabase.Snapshot.ContentHash);
        Assert.Equal(1, fromDatabase.Snapshot.Content.Responses.Overall);
        Assert.Equal(1, fromDatabase.Snapshot.Content.Responses.Spam);
    }

    /// <summary>
    /// The same responses read the plain way, as EF entities with their answers and tags, and mapped by the rules the
    /// reader documents (choice and explanation one answer, tags on either, merged themes under their new name, place by
    /// district, redaction joined like the text): what the reader's hand-written query must reproduce exactly.
    /// </summary>
    private async Task<List<CollationAnswerSet>> FromEntitiesAsync(CollationSource source)
    {
        await using var db = _rig.Database.CreateContext();
        var responses = await db.Responses.AsNoTracking().Include(r => r.Answers).Where(r => r.ConsultationId == _rig.ConsultationId).ToListAsync();
        var tags = (await db.AnswerThemes.AsNoTracking().ToListAsync()).ToLookup(t => t.ResponseAnswerId, t => t.ThemeId);
        static string? Join(string? first, string? second) =>
            string.IsNullOrWhiteSpace(first) ? (string.IsNullOrWhiteSpace(second) ? null : second)
            : string.IsNullOrWhiteSpace(second) ? first
            : first.Trim() + "\n\n" + second.Trim();
        var sets = new List<CollationAnswerSet>();
        foreach (var r in responses.OrderBy(r => r.Id.ToString(), StringComparer.Ordinal))
        {
            var answers = new List<CollationAnswer>();
            foreach (var question in source.Definition.Questions)
            {
                var main = r.Answers.SingleOrDefault(a => a.QuestionKey == question.AnswerKey);
                var explain = question.HasChoices ? r.Answers.SingleOrDefault(a => a.QuestionKey == question.ExplanationKey) : null;
                if (main is null && explain is null)
                {
                    continue;
                }

                var themes = new[] { main, explain }.OfType<Stored.ResponseAnswer>().SelectMany(a => tags[a.Id]).Select(id => source.ThemeNames.GetValueOrDefault(id)).OfType<string>().Distinct().ToList();
                var redacted = main?.RedactedText is null && explain?.RedactedText is null ? null : Join(main?.RedactedText ?? main?.Text, explain?.RedactedText ?? explain?.Text);
                answers.Add(new CollationAnswer
                {
                    QuestionKey = question.Key,
                    Choices = main is null ? [] : [.. new[] { main.Choice }.OfType<string>(), .. main.Choices],
                    Text = Join(main?.Text, explain?.Text),
                    RedactedText = redacted,
                    Themes = themes,
                });
            }

            var partner = r.RespondentType == Stored.RespondentType.PartnerOrganisation
                ? (r.PartnerSubmissionId is { } submission ? source.Partners.ByPartnerSubmissionId.GetValueOrDefault(submission) : null) ?? new PartnerDetails(r.OrganisationName!.Trim(), CollationReader.GovernanceNotRecorded)
                : null;
            sets.Add(new CollationAnswerSet
            {
                ResponseId = r.Id.ToString(),
                RespondentType = CollationReader.Map(r.RespondentType),
                Channel = CollationReader.ChannelName(r.Channel),
                Place = r.PostcodeDistrict is { } d && source.PlaceByDistrict.TryGetValue(d.Trim(), out var place) ? place : null,
                Moderation = CollationReader.Map(r.ModerationState),
                Consent = CollationReader.Map(r.PublishingConsent),
                DisplayName = r.PublishingConsent == Stored.PublishingConsent.PublishWithName ? r.PublishedName ?? r.OrganisationName : null,
                RespondentKey = partner is not null ? "partner:" + partner.OrganisationName.ToUpperInvariant()
                    : string.IsNullOrWhiteSpace(r.Email) ? null
                    : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(r.Email.Trim().ToUpperInvariant())).AsSpan(0, 12)),
                UpdatedAt = r.UpdatedUtc,
                Answers = answers,
                Partner = partner,
            });
        }

        return sets;
    }

    [Fact]
    public async Task Read_SeededResponsesWithTagsRedactionsPartnersAndTickedChoices_SameAnswerSetsAsTheEntitiesAndSameHash()
    {
        await _rig.PublishAsync();
        Assert.True((await _rig.WithAsync(sp => sp.GetRequiredService<Stored.DemoResponses>().SeedAsync("integrating-care", 400, 7, CancellationToken.None))).Succeeded);
        var merged = await _rig.AddThemeAsync("q1-explain", "Money");
        await using (var db = _rig.Database.CreateContext())
        {
            // A merged theme, a second tag on a tagged answer, a choice stored as a ticked list, an explanation with no choice.
            var target = await db.CodingThemes.Where(t => t.QuestionKey == "q1-explain" && t.Id != merged).Select(t => t.Id).FirstAsync();
            (await db.CodingThemes.SingleAsync(t => t.Id == merged)).MergedIntoThemeId = target;
            var tagged = await db.AnswerThemes.OrderBy(t => t.ResponseAnswerId).FirstAsync();
            db.AnswerThemes.Add(new EngagementPortal.Core.Coding.AnswerTheme { ResponseAnswerId = tagged.ResponseAnswerId, ThemeId = merged, TaggedUtc = tagged.TaggedUtc });
            var choice = await db.ResponseAnswers.OrderBy(a => a.Id).FirstAsync(a => a.QuestionKey == "q2" && a.Choice != null);
            choice.Choices = [choice.Choice!, "Neither agree nor disagree"];
            choice.Choice = null;
            await db.SaveChangesAsync();
        }

        await _rig.AddResponseAsync(q1Explain: "Only an explanation, no choice.", district: " hu1 ", email: " Someone@Example.org ");
        var source = await _rig.WithAsync(sp => sp.GetRequiredService<CollationReader>().OpenAsync(_rig.ConsultationId, CancellationToken.None));

        var read = await ReadAsync();
        var expected = await FromEntitiesAsync(source!);

        // Themes are a set (the collator sorts them); everything else must match exactly, response by response.
        static string Json(IEnumerable<CollationAnswerSet> sets) => JsonSerializer.Serialize(sets.Select(s => s with
        {
            Answers = s.Answers.Select(a => a with { Themes = a.Themes.Order(StringComparer.Ordinal).ToList(), Choices = a.Choices.ToList() }).ToList(),
        }));
        Assert.Equal(401, read.Count);
        Assert.Contains(read, s => s.Answers.Any(a => a.Themes.Count > 0));
        Assert.Contains(read, s => s.Answers.Any(a => a.RedactedText is not null));
        Assert.Contains(read, s => s.Partner is not null);
        Assert.Contains(read, s => s.Answers.Any(a => a.Choices.Count == 2));
        Assert.Equal(Json(expected), Json(read));

        var collator = new Collator(_rig.Time);
        var fromDatabase = await collator.CollateAsync(source!.Definition, _rig.Options, read);
        var fromEntities = await collator.CollateAsync(source.Definition, _rig.Options, expected);
        var run = await _rig.CollateAsync();
        Assert.Equal(fromEntities.Snapshot.ContentHash, fromDatabase.Snapshot.ContentHash);
        Assert.Equal(fromEntities.Snapshot.ContentHash, run.Snapshot!.ContentHash);
    }
}
