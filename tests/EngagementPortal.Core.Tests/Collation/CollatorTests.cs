using EngagementPortal.Core.Collation;
using EngagementPortal.TestCommon;
using static EngagementPortal.Core.Tests.Collation.CollationFixtures;

namespace EngagementPortal.Core.Tests.Collation;

public sealed class CollatorTests
{
    private readonly FakeTimeProvider time = new(Start.AddDays(30));

    private Collator Collator => new(time);

    [Fact]
    public async Task Hash_StreamedWhileSerialising_EqualsSha256OfTheWholeJson()
    {
        var run = await Collator.CollateAsync(Definition(), Options(),
        [
            Response("a", RespondentType.Individual, q1: "Agree"),
            Response("b", RespondentType.OrganisationPublic, q1: "Disagree"),
        ]);

        var whole = System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(run.Snapshot.Content));
        Assert.Equal(Convert.ToHexStringLower(whole), Collator.Hash(run.Snapshot.Content));
        Assert.Equal(run.Snapshot.ContentHash, Collator.Hash(run.Snapshot.Content));
    }

    [Fact]
    public async Task Profile_AddedBeforeHashing_SameSnapshotAsAddingItAfter()
    {
        IReadOnlyList<Breakdown> profile = RespondentProfile.Breakdowns([new EqualityCount(RespondentProfile.Sex, "Female", 7), new EqualityCount(RespondentProfile.Sex, "Male", 9)], 5);
        CollationAnswerSet[] responses = [Response("a", RespondentType.Individual, q1: "Agree"), Response("b", RespondentType.Individual, q1: "Disagree")];

        var withProfile = await new Collator(time) { Profile = profile }.CollateAsync(Definition(), Options(), responses);
        var without = await Collator.CollateAsync(Definition(), Options(), responses);
        var added = RespondentProfile.AddTo(without.Snapshot, profile);

        Assert.Equal(added.ContentHash, withProfile.Snapshot.ContentHash);
        Assert.Equal(SnapshotJson.Serialize(added), SnapshotJson.Serialize(withProfile.Snapshot));
        Assert.NotEqual(without.Snapshot.ContentHash, withProfile.Snapshot.ContentHash);
    }

    [Fact]
    public async Task Tally_ByRespondentType_CountsAndPercentagesExact()
    {
        var run = await Collator.CollateAsync(Definition(), Options(),
        [
            Response("a", RespondentType.Individual, q1: "Agree"),
            Response("b", RespondentType.Individual, q1: "Agree"),
            Response("c", RespondentType.Individual, q1: "Don't know"),
            Response("d", RespondentType.Individual),
            Response("e", RespondentType.OrganisationPublic, q1: "Disagree"),
            Response("f", RespondentType.PartnerSubmission, q1: "Strongly agree", partner: new PartnerDetails("Hull City Council", "Signed off")),
        ]);

        var tally = run.Snapshot.Content.Questions[0].Tally;
        Assert.Equal(["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "Don't know", "Not answered"], tally.Select(r => r.Option));
        var agree = tally.Single(r => r.Option == "Agree");
        Assert.Equal(new TallyCell(2, 50.0), agree.Individual);
        Assert.Equal(new TallyCell(0, 0), agree.OrganisationPublic);
        Assert.Equal(new TallyCell(2, 33.3), agree.Overall);
        Assert.Equal(new TallyCell(1, 25.0), tally.Single(r => r.Option == "Don't know").Individual);
        Assert.Equal(new TallyCell(1, 25.0), tally.Single(r => r.Option == "Not answered").Individual);
        Assert.Equal(new TallyCell(1, 100.0), tally.Single(r => r.Option == "Disagree").OrganisationPublic);
        Assert.Equal(new TallyCell(1, 100.0), tally.Single(r => r.Option == "Strongly agree").PartnerSubmission);
        Assert.Equal(6, tally.Sum(r => r.Overall.Count));
    }

    [Fact]
    public async Task Moderation_CampaignOwnColumn_DuplicateSpamWithdrawnExcludedAndCounted()
    {
        var run = await Collator.CollateAsync(Definition(), Options(),
        [
            Response("a", q1: "Agree"),
            Response("b", q1: "Disagree", moderation: ModerationState.Campaign),
            Response("c", q1: "Disagree", moderation: ModerationState.Campaign),
            Response("d", q1: "Disagree", moderation: ModerationState.Duplicate),
            Response("e", q1: "Disagree", moderation: ModerationState.Spam),
            Response("f", q1: "Disagree", moderation: ModerationState.Withdrawn),
            Response("g", q1: "Disagree", moderation: ModerationState.Withdrawn),
        ]);

        var counts = run.Snapshot.Content.Responses;
        Assert.Equal((1, 2, 1, 1, 2), (counts.Overall, counts.Campaign, counts.Duplicate, counts.Spam, counts.Withdrawn));
        var disagree = run.Snapshot.Content.Questions[0].Tally.Single(r => r.Option == "Disagree");
        Assert.Equal(new TallyCell(0, 0), disagree.Overall);
        Assert.Equal(new TallyCell(2, 100.0), disagree.Campaign);
    }

    [Fact]
    public async Task Quotes_OnlyFromPublishingRespondents_WithRedactionsApplied()
    {
        var run = await Collator.CollateAsync(Definition(), Options(),
        [
            Response("a", q3: "My neighbour Jane Smith waited nine hours in the emergency department.", redacted: "My neighbour [name removed] waited nine hours in the emergency department.", themes: ["Waiting times"], consent: PublishingConsent.PublishWithName, name: "A. Resident"),
            Response("b", q3: "Waiting nine hours in the emergency department is unacceptable.", themes: ["Waiting times"], consent: PublishingConsent.DoNotPublish),
            Response("c", q3: "The emergency department waits of nine hours are too long.", themes: ["Waiting times"], consent: PublishingConsent.PublishAnonymously),
        ]);

        var theme = Assert.Single(run.Snapshot.Content.Questions[2].CodedThemes);
        Assert.Equal(3, theme.Count);
        Assert.Equal(["a", "c"], theme.Quotes.Select(q => q.ResponseId).Order());
        Assert.DoesNotContain(theme.Quotes, q => q.Text.Contains("Jane Smith", StringComparison.Ordinal));
        Assert.Contains(theme.Quotes, q => q.Attribution == "A. Resident");
        Assert.Contains(theme.Quotes, q => q.Attribution == "Individual (anonymous)");
    }

    [Fact]
    public async Task PartnerPositions_MatrixOfOrganisationsByQuestion_WithGovernanceAndInvited()
    {
        var run = await Collator.CollateAsync(Definition(), Options(),
        [
            Response("p1", RespondentType.PartnerSubmission, q1: "Agree", q2: "Disagree", partner: new PartnerDetails("Hull City Council", "Signed off by the Health and Wellbeing Board", "We support a statutory footing."), consent: PublishingConsent.PublishWithName),
            Response("p2", RespondentType.PartnerSubmission, q1: "Strongly disagree", partner: new PartnerDetails("Healthwatch York", "Draft: awaiting board"), consent: PublishingConsent.DoNotPublish),
            Response("p3", RespondentType.PartnerSubmission, q1: "Agree", moderation: ModerationState.Withdrawn, partner: new PartnerDetails("City of York Council", "Signed off")),
        ]);

        var partners = run.Snapshot.Content.Partners;
        Assert.Equal(["q1", "q2"], partners.QuestionKeys);
        Assert.Equal(["Healthwatch York", "Hull City Council"], partners.Organisations.Select(o => o.Organisation));
        var hull = partners.Organisations[1];
        Assert.Equal(["Agree", "Disagree"], hull.Positions);
        Assert.Equal("We support a statutory footing.", hull.KeyQuote);
        Assert.Equal("Signed off by the Health and Wellbeing Board", hull.GovernanceStatus);
        var healthwatch = partners.Organisations[0];
        Assert.Equal(["Strongly disagree", null], healthwatch.Positions);
        Assert.Null(healthwatch.KeyQuote);
        var invited = run.Snapshot.Content.Invited.ToDictionary(i => i.Organisation, i => i.Submitted);
        Assert.True(invited["Hull City Council"]);
        Assert.True(invited["Healthwatch York"]);
        Assert.False(invited["York Teaching Hospital NHS Foundation Trust"]);
    }

    [Fact]
    public async Task Breakdowns_GroupsUnderFive_SuppressedWithSecondary()
    {
        var responses = new List<CollationAnswerSet>();
        for (var i = 0; i < 12; i++)
        {
            responses.Add(Response($"h{i:D2}", q1: "Agree", place: "Hull", equality: new Dictionary<string, string> { ["Age"] = "25 to 44" }));
        }

        for (var i = 0; i < 6; i++)
        {
            responses.Add(Response($"e{i:D2}", q1: "Disagree", place: "East Riding", equality: new Dictionary<string, string> { ["Age"] = "65 or over" }));
        }

        for (var i = 0; i < 3; i++)
        {
            responses.Add(Response($"y{i:D2}", q1: "Agree", place: "York", equality: new Dictionary<string, string> { ["Age"] = "16 to 24" }));
        }

        var run = await Collator.CollateAsync(Definition(), Options(), responses);
        var place = run.Snapshot.Content.Breakdowns.Single(b => b.Dimension == "Place");
        var groups = place.Groups.ToDictionary(g => g.Group);
        Assert.Equal(12, groups["Hull"].Respondents);
        Assert.Equal(12, groups["Hull"].ByQuestion[0].Options.Single(o => o.Name == "Agree").Count);
        Assert.True(groups["York"].Suppressed);
        Assert.Null(groups["York"].Respondents);
        Assert.Empty(groups["York"].ByQuestion);

        // York alone hidden would be 21 - 12 - 6: the next smallest group is hidden too.
        Assert.True(groups["East Riding"].Suppressed);
        Assert.Equal(0, groups["Not given"].Respondents);
        var age = run.Snapshot.Content.Breakdowns.Single(b => b.Dimension == "Age");
        Assert.True(age.Groups.Single(g => g.Group == "16 to 24").Suppressed);
    }

    [Fact]
    public async Task Hash_SameResponsesInAnyOrder_Same()
    {
        var responses = Varied(300);
        var first = await Collator.CollateAsync(Definition(), Options(), responses);
        time.SetUtcNow(Start.AddDays(31));
        var shuffled = responses.ToArray();
        new Random(3).Shuffle(shuffled);
        var second = await Collator.CollateAsync(Definition(), Options(), shuffled);

        Assert.Equal(first.Snapshot.ContentHash, second.Snapshot.ContentHash);
        Assert.NotEqual(first.Snapshot.TakenAt, second.Snapshot.TakenAt);
        Assert.Matches("^[0-9a-f]{64}$", first.Snapshot.ContentHash);
    }

    [Fact]
    public async Task Hash_OneAnswerChanged_Differs()
    {
        var responses = Varied(100);
        var first = await Collator.CollateAsync(Definition(), Options(), responses);
        responses[10] = responses[10] with { Answers = [new CollationAnswer { QuestionKey = "q1", Choices = ["Strongly disagree"] }] };
        var second = await Collator.CollateAsync(Definition(), Options(), responses);

        Assert.NotEqual(first.Snapshot.ContentHash, second.Snapshot.ContentHash);
    }

    [Fact]
    public async Task Incremental_NewChangedWithdrawnAndRemoved_SameHashAsFullRun()
    {
        var all = Varied(600);
        var firstBatch = all.Take(500).ToList();
        var previous = await Collator.CollateAsync(Definition(), Options(), firstBatch.ToAsyncEnumerable());

        // Later: 100 new responses, 20 earlier ones changed (one withdrawn), and one deleted.
        var changed = all.Skip(100).Take(20).Select((r, i) => i == 0
            ? r with { Moderation = ModerationState.Withdrawn, UpdatedAt = Start.AddDays(2) }
            : r with { Answers = [.. r.Answers.Where(a => a.QuestionKey != "q1"), new CollationAnswer { QuestionKey = "q1", Choices = ["Agree"] }], UpdatedAt = Start.AddDays(2) }).ToList();
        var delta = all.Skip(500).Concat(changed).ToList();
        var incremental = await Collator.UpdateAsync(previous.State, delta, ["r00003"]);

        var current = all.Take(500).Where(r => r.ResponseId != "r00003")
            .Select(r => changed.FirstOrDefault(c => c.ResponseId == r.ResponseId) ?? r)
            .Concat(all.Skip(500))
            .ToList();
        var full = await Collator.CollateAsync(Definition(), Options(), current);

        Assert.Equal((100, 20, 1), (incremental.Added, incremental.Changed, incremental.Removed));
        Assert.Equal(full.Snapshot.ContentHash, incremental.Snapshot.ContentHash);
        Assert.Equal(Start.AddDays(2), incremental.State.Watermark);
        Assert.Equal(500, previous.State.ResponseCount);
    }

    [Fact]
    public async Task Incremental_ThemesFoundAndTrainedOnSample_SameHashAsFullRun()
    {
        // A sample limit below the uncoded answers: clustering and the classifier's self-training both learn
        // from the hash-chosen sample, which new answers can enter; the incremental run must still equal a full one.
        var options = Options();
        options.ThemeSampleLimit = 100;
        var all = Varied(700, seed: 11);
        var previous = await Collator.CollateAsync(Definition(), options, all.Take(600).ToList());
        var incremental = await Collator.UpdateAsync(previous.State, all.Skip(600).ToList());
        var full = await Collator.CollateAsync(Definition(), options, all.AsEnumerable().Reverse().ToList());

        Assert.Equal(full.Snapshot.ContentHash, incremental.Snapshot.ContentHash);
        var q3 = full.Snapshot.Content.Questions[2];
        Assert.True(q3.AnswerSuggestions.Count > options.ThemeSampleLimit);
        Assert.All(q3.AnswerSuggestions, a => Assert.NotEmpty(a.Themes));
    }

    [Fact]
    public async Task Incremental_NearCopiesWithSmallerIdsAndAnchorRemoved_SameHashAsFullRun()
    {
        // A campaign of 30 near-copies (one word changed each) makes buckets of more than 8, compared through their
        // first 4 members; later copies arrive under smaller ids (new anchors) and an anchor is deleted. The index
        // kept from the first run (docs/adr/0142) must still give the full run's groups.
        var words = ("Keep the minor injuries unit at our community hospital open every night of the week because the nearest alternative " +
            "is forty minutes away by car and much longer by bus for older residents and families without a car who depend on it").Split(' ');
        CollationAnswerSet Copy(string id, int variant)
        {
            var copy = (string[])words.Clone();
            copy[variant % copy.Length] = "please";
            return Response(id, q3: string.Join(' ', copy), moderation: ModerationState.Campaign, respondentKey: id);
        }

        var first = Varied(200, seed: 5).Concat(Enumerable.Range(0, 30).Select(i => Copy($"c{i:D3}", i))).ToList();
        var previous = await Collator.CollateAsync(Definition(), Options(), first);
        var later = Enumerable.Range(0, 6).Select(i => Copy($"b{i:D3}", i + 7)).ToList();
        var incremental = await Collator.UpdateAsync(previous.State, later, ["c000"]);
        var full = await Collator.CollateAsync(Definition(), Options(), first.Where(r => r.ResponseId != "c000").Concat(later).ToList());

        Assert.Equal(full.Snapshot.ContentHash, incremental.Snapshot.ContentHash);
        Assert.Contains(full.Snapshot.Content.Questions[2].Campaigns, g => g.DistinctTexts > 8 && g.MarkedCampaign == g.RawSubmissions);
    }

    [Fact]
    public async Task Incremental_NothingNew_SameHashAndUnchanged()
    {
        var previous = await Collator.CollateAsync(Definition(), Options(), Varied(200));
        var again = await Collator.UpdateAsync(previous.State, Array.Empty<CollationAnswerSet>());

        Assert.Equal(previous.Snapshot.ContentHash, again.Snapshot.ContentHash);
        Assert.True(SnapshotChanges.Between(previous.Snapshot, again.Snapshot).Unchanged);
    }

    [Fact]
    public async Task Changes_SincePreviousSnapshot_NewResponsesShiftsThemesAndPartners()
    {
        var previous = await Collator.CollateAsync(Definition(), Options(),
        [
            Response("a", q1: "Agree", q3: "More community nurses please.", themes: ["Workforce"]),
            Response("b", q1: "Agree"),
        ]);
        var next = await Collator.UpdateAsync(previous.State,
        [
            Response("c", q1: "Disagree", q3: "Bus routes to the hospital were cut.", themes: ["Transport"]),
            Response("d", RespondentType.PartnerSubmission, q1: "Disagree", partner: new PartnerDetails("Hull City Council", "Signed off")),
            Response("e", q1: "Disagree", moderation: ModerationState.Spam),
        ]);

        var changes = SnapshotChanges.Between(previous.Snapshot, next.Snapshot);
        Assert.Equal(2, changes.NewResponses);
        Assert.Equal(1, changes.NewlyExcluded);
        var shift = changes.TallyShifts.Single(s => s.QuestionKey == "q1" && s.Option == "Agree");
        Assert.Equal((2, 2, 100.0, 50.0, -50.0), (shift.CountBefore, shift.CountAfter, shift.PercentBefore, shift.PercentAfter, shift.PointsChange));
        Assert.Contains(("q3", "Transport"), changes.NewCodedThemes);
        Assert.Equal(["Hull City Council"], changes.NewPartnerSubmissions);
    }

    [Fact]
    public async Task Themes_UncodedAnswers_GetSuggestedThemeWithConfidence()
    {
        var responses = new List<CollationAnswerSet>();
        string[] transport = ["The bus to the hospital stopped running", "No buses reach the hospital from our village", "Transport to hospital appointments is impossible without a car", "Hospital parking and buses are both hopeless"];
        string[] staff = ["We need more community nurses and carers", "Recruit more district nurses for home visits", "Carers and nurses are leaving; pay them properly", "Staff shortages in community nursing are the real problem"];
        for (var i = 0; i < 40; i++)
        {
            var isTransport = i % 2 == 0;
            var text = (isTransport ? transport : staff)[i / 2 % 4] + $" (point {i}).";
            responses.Add(Response($"t{i:D2}", q3: text, themes: i < 8 ? [isTransport ? "Transport" : "Workforce"] : null));
        }

        var run = await Collator.CollateAsync(Definition(), Options(), responses);
        var q3 = run.Snapshot.Content.Questions[2];
        Assert.Equal(32, q3.AnswerSuggestions.Count);
        foreach (var suggestion in q3.AnswerSuggestions)
        {
            var i = int.Parse(suggestion.ResponseId[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(i % 2 == 0 ? "Transport" : "Workforce", suggestion.Themes[0]);
            Assert.InRange(suggestion.Confidence, 0.01, 1.0);
        }

        Assert.NotEmpty(q3.SuggestedThemes);
        Assert.All(q3.SuggestedThemes, t => Assert.NotEmpty(t.Terms));
    }
}
