using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using static EngagementPortal.Core.Tests.Responses.ResponseFixtures;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class ResponseListTests : IDisposable
{
    private static readonly DateTime Day = new(2020, 12, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<ResponseListPage> ListAsync(Guid consultationId, ResponseFilter filter)
    {
        await using var db = _database.CreateContext();
        return await new ResponseList(db).ListAsync(consultationId, filter);
    }

    private async Task<List<string>> ReferencesAsync(Guid consultationId, ResponseFilter filter) =>
        [.. (await ListAsync(consultationId, filter)).Rows.Select(r => r.Reference)];

    [Fact]
    public async Task List_NoFilter_NewestFirstWithCountsByModeration_OnlyThisConsultation()
    {
        var version = await AddConsultationAsync(_database);
        var other = await AddConsultationAsync(_database);
        var older = Response(version, Day).WithAnswer("ft", text: "Older answer");
        var newer = Response(version, Day.AddHours(1), r => r.ModerationState = ModerationState.Spam).WithAnswer("ft", text: new string('x', 500));
        await AddAsync(_database, older, newer, Response(other, Day));

        var page = await ListAsync(version.ConsultationId, new ResponseFilter());

        Assert.Equal([newer.Reference, older.Reference], page.Rows.Select(r => r.Reference));
        Assert.Equal(2, page.Total);
        Assert.Equal(2, page.ConsultationTotal);
        Assert.Equal(1, page.ByModeration[ModerationState.Spam]);
        Assert.Equal("Older answer", page.Rows[1].Excerpt);
        Assert.Equal(ResponseList.ExcerptLength + 1, page.Rows[0].Excerpt!.Length);
    }

    [Fact]
    public async Task List_ByRespondentTypeChannelAndModeration_ReturnsOnlyMatches()
    {
        var version = await AddConsultationAsync(_database);
        var partner = Response(version, Day, r => r.RespondentType = RespondentType.PartnerOrganisation);
        var letter = Response(version, Day, r => r.Channel = ResponseChannel.Letter);
        var campaign = Response(version, Day, r => r.ModerationState = ModerationState.Campaign);
        await AddAsync(_database, partner, letter, campaign);

        Assert.Equal([partner.Reference], await ReferencesAsync(version.ConsultationId, new() { RespondentType = RespondentType.PartnerOrganisation }));
        Assert.Equal([letter.Reference], await ReferencesAsync(version.ConsultationId, new() { Channel = ResponseChannel.Letter }));
        Assert.Equal([campaign.Reference], await ReferencesAsync(version.ConsultationId, new() { Moderation = ModerationState.Campaign }));
    }

    [Fact]
    public async Task List_ByDateRange_UsesUkDaysInclusive()
    {
        var version = await AddConsultationAsync(_database);

        // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
        var firstOfJuly = Response(version, new DateTime(2021, 6, 30, 23, 30, 0, DateTimeKind.Utc));
        var lastOfJune = Response(version, new DateTime(2021, 6, 30, 22, 30, 0, DateTimeKind.Utc));
        await AddAsync(_database, firstOfJuly, lastOfJune);

        Assert.Equal([firstOfJuly.Reference], await ReferencesAsync(version.ConsultationId, new() { ReceivedFrom = new DateOnly(2021, 7, 1), ReceivedTo = new DateOnly(2021, 7, 1) }));
        Assert.Equal([lastOfJune.Reference], await ReferencesAsync(version.ConsultationId, new() { ReceivedTo = new DateOnly(2021, 6, 30) }));
    }

    [Fact]
    public async Task List_ByChoice_MatchesSingleAndMultipleChoiceAnswers()
    {
        var version = await AddConsultationAsync(_database);
        var agree = Response(version, Day).WithAnswer("ad", choice: "Agree");
        var disagree = Response(version, Day).WithAnswer("ad", choice: "Disagree");
        var ae = Response(version, Day).WithAnswer("mc", null, null, "GP", "A&E");
        var gp = Response(version, Day).WithAnswer("mc", null, null, "GP");
        await AddAsync(_database, agree, disagree, ae, gp);

        Assert.Equal([agree.Reference], await ReferencesAsync(version.ConsultationId, new() { Choice = new("ad", "Agree", Multiple: false) }));
        Assert.Equal([ae.Reference], await ReferencesAsync(version.ConsultationId, new() { Choice = new("mc", "A&E", Multiple: true) }));
        Assert.Equal(2, (await ListAsync(version.ConsultationId, new() { Choice = new("mc", "GP", Multiple: true) })).Total);
    }

    [Fact]
    public async Task List_ChoiceAloneAndCombined_CountsAndPagesAsTheFilteredQuery()
    {
        var version = await AddConsultationAsync(_database);
        var other = await AddConsultationAsync(_database);
        var responses = Enumerable.Range(0, 30).Select(i => Response(version, Day.AddMinutes(i), r =>
            {
                r.Channel = i % 3 == 0 ? ResponseChannel.Letter : ResponseChannel.Online;
                r.ModerationState = i % 10 == 0 ? ModerationState.Campaign : ModerationState.None;
            })
            .WithAnswer("ad", choice: i % 2 == 0 ? "Agree" : "Disagree")
            .WithAnswer("mc", null, null, i % 4 == 0 ? ["GP", "A&E"] : ["GP"])
            .WithAnswer("ft", text: i % 5 == 0 ? "Buses to the A&E" : "Trains")).ToArray();
        await AddAsync(_database, [.. responses, Response(other, Day).WithAnswer("ad", choice: "Agree").WithAnswer("mc", null, null, "A&E")]);
        await using (var db = _database.CreateContext())
        {
            // Ticks written as spaced JSON by another writer: only json_each can tell, and must.
            var spaced = responses[1];
            await db.Database.ExecuteSqlAsync($"""UPDATE "response_answers" SET "Choices" = '[ "GP", "A\u0026E" ]' WHERE "ResponseId" = {spaced.Id} AND "QuestionKey" = 'mc'""");
        }

        ResponseFilter[] filters =
        [
            new() { Choice = new("ad", "Agree", false) },
            new() { Choice = new("mc", "A&E", true) },
            new() { Choice = new("mc", "GP", true), Page = 2 },
            new() { Choice = new("mc", "A&E", true), Moderation = ModerationState.Campaign },
            new() { Choice = new("ad", "Disagree", false), Channel = ResponseChannel.Online },
            new() { Choice = new("mc", "A&E", true), Search = "buses" },
            new() { Search = "buses" },
            new() { Search = "buses", Channel = ResponseChannel.Letter },
        ];
        foreach (var filter in filters)
        {
            var page = await ListAsync(version.ConsultationId, filter);
            await using var db = _database.CreateContext();
            var expected = await new ResponseList(db).Filtered(version.ConsultationId, filter)
                .OrderByDescending(r => r.SubmittedUtc).ThenByDescending(r => r.Id).Select(r => r.Reference).ToListAsync();

            Assert.Equal(expected.Count, page.Total);
            Assert.Equal(expected.Skip((page.PageNumber - 1) * ResponseList.PageSize).Take(ResponseList.PageSize), page.Rows.Select(r => r.Reference));
        }

        Assert.Equal(9, (await ListAsync(version.ConsultationId, new() { Choice = new("mc", "A&E", true) })).Total);
        Assert.Equal(30, (await ListAsync(version.ConsultationId, new() { Choice = new("mc", "GP", true) })).Total);
    }

    [Fact]
    public async Task List_BySearch_FindsAnswerTextOrganisationAndReference_TreatingWildcardsAsText()
    {
        var version = await AddConsultationAsync(_database);
        var transport = Response(version, Day).WithAnswer("ft", text: "Rural TRANSPORT is poor");
        var healthwatch = Response(version, Day, r => { r.RespondentType = RespondentType.Organisation; r.OrganisationName = "Healthwatch Hull"; });
        var percent = Response(version, Day).WithAnswer("ft", text: "Only 50% of us");
        var plain = Response(version, Day).WithAnswer("ft", text: "Only 500 of us");
        await AddAsync(_database, transport, healthwatch, percent, plain);

        Assert.Equal([transport.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "  transport " }));
        Assert.Equal([healthwatch.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "healthwatch" }));
        Assert.Equal([plain.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = plain.Reference.ToLowerInvariant() }));
        Assert.Equal([percent.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "50%" }));
    }

    [Fact]
    public async Task List_BySearch_FindsPhrasesQuotesShortTermsAndEmail_OnlyInThisConsultation()
    {
        var version = await AddConsultationAsync(_database);
        var other = await AddConsultationAsync(_database);
        var waiting = Response(version, Day).WithAnswer("ft", text: "The Waiting Lists are long").WithAnswer("ad", choice: "Agree");
        var quoted = Response(version, Day, r => r.Email = "jo.bloggs@example.org").WithAnswer("ad", "Disagree", "They said \"no\" to us");
        var shortTerm = Response(version, Day).WithAnswer("ft", text: "A&E at night");
        var elsewhere = Response(other, Day, r => r.Email = "jo.bloggs@example.org").WithAnswer("ft", text: "The waiting lists are long");
        await AddAsync(_database, waiting, quoted, shortTerm, elsewhere);

        Assert.Equal([waiting.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "waiting LISTS" }));
        Assert.Equal([quoted.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "said \"no\"" }));
        Assert.Equal([quoted.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "BLOGGS@" }));
        Assert.Equal([shortTerm.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "a&" }));
        Assert.Empty(await ReferencesAsync(version.ConsultationId, new() { Search = "lists are short" }));
        Assert.Empty(await ReferencesAsync(version.ConsultationId, new() { Search = elsewhere.Reference }));
    }

    [Fact]
    public async Task List_BySearch_FollowsAnswersChangedAndRemoved()
    {
        var version = await AddConsultationAsync(_database);
        var changed = Response(version, Day).WithAnswer("ft", text: "Buses to Driffield");
        var removed = Response(version, Day).WithAnswer("ft", text: "Buses to Pocklington");
        var later = Response(version, Day).WithAnswer("ad", choice: "Agree");
        await AddAsync(_database, changed, removed, later);
        await using (var db = _database.CreateContext())
        {
            var answer = db.ResponseAnswers.Single(a => a.ResponseId == changed.Id);
            answer.Text = "Trains to Hornsea";
            db.ResponseAnswers.Remove(db.ResponseAnswers.Single(a => a.ResponseId == removed.Id));
            var added = db.ResponseAnswers.Single(a => a.ResponseId == later.Id);
            added.Text = "Buses, though, are the thing";
            await db.SaveChangesAsync();
        }

        Assert.Equal([later.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "buses" }));
        Assert.Equal([changed.Reference], await ReferencesAsync(version.ConsultationId, new() { Search = "hornsea" }));
        Assert.Empty(await ReferencesAsync(version.ConsultationId, new() { Search = "pocklington" }));
        await using (var db = _database.CreateContext())
        {
            // FTS5's own check that its index holds exactly what the answers' text gives.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "response_answer_text" ("response_answer_text") VALUES ('integrity-check')""");
        }
    }

    [Fact]
    public async Task List_ByTheme_ReturnsResponsesWithAnAnswerTaggedWithIt()
    {
        var version = await AddConsultationAsync(_database);
        var tagged = Response(version, Day).WithAnswer("ft", text: "Buses");
        var untagged = Response(version, Day).WithAnswer("ft", text: "Trains");
        await AddAsync(_database, tagged, untagged);
        var theme = await TagAsync(_database, tagged, "ft", "Transport");

        Assert.Equal([tagged.Reference], await ReferencesAsync(version.ConsultationId, new() { ThemeId = theme.Id }));
    }

    [Fact]
    public async Task List_FiltersCombine_AndPagesClampToTheLast()
    {
        var version = await AddConsultationAsync(_database);
        var responses = Enumerable.Range(0, ResponseList.PageSize + 5).Select(i => Response(version, Day.AddMinutes(i), r => r.Channel = i % 2 == 0 ? ResponseChannel.Email : ResponseChannel.Online).WithAnswer("ad", choice: "Agree")).ToArray();
        await AddAsync(_database, responses);

        var all = await ListAsync(version.ConsultationId, new() { Page = 99 });
        var emailsAgreeing = await ListAsync(version.ConsultationId, new() { Channel = ResponseChannel.Email, Choice = new("ad", "Agree", false) });

        Assert.Equal(2, all.PageNumber);
        Assert.Equal(5, all.Rows.Count);
        Assert.Equal(28, emailsAgreeing.Total);
        Assert.All(emailsAgreeing.Rows, r => Assert.Equal(ResponseChannel.Email, r.Channel));
    }

    [Fact]
    public async Task Find_ReturnsEveryAnswerItsThemesAndItsHistory_AndNothingForAnotherConsultation()
    {
        var version = await AddConsultationAsync(_database);
        var other = await AddConsultationAsync(_database);
        var response = Response(version, Day).WithAnswer("ft", text: "Buses").WithAnswer("ad", choice: "Agree");
        await AddAsync(_database, response);
        await TagAsync(_database, response, "ft", "Transport");
        await using (var db = _database.CreateContext())
        {
            new AuditLog(db, new FakeTimeProvider()).Record(AuditActions.ResponseModerated, null, "officer", ResponseList.SubjectOf(response.Reference), "None → Spam: advert");
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateContext();
        var details = await new ResponseList(read).FindAsync(version.ConsultationId, response.Id);

        Assert.NotNull(details);
        Assert.Equal(2, details.Response.Answers.Count);
        var ft = details.Response.Answers.Single(a => a.QuestionKey == "ft");
        Assert.Equal(["Transport"], details.ThemesByAnswer[ft.Id]);
        Assert.Equal("None → Spam: advert", Assert.Single(details.History).Detail);
        Assert.Null(await new ResponseList(read).FindAsync(other.ConsultationId, response.Id));
    }
}
