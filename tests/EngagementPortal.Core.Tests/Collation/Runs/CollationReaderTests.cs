using EngagementPortal.Core.Collation;
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
}
