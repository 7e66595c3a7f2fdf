using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static EngagementPortal.Core.Tests.Responses.ResponseFixtures;

namespace EngagementPortal.Core.Tests.Responses;

public sealed class KeyedResponsesTests : IDisposable
{
    private readonly TestDatabase _database = new();

    // 1 December 2020, 10:00 UTC (GMT).
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private static KeyedResponseInput Letter(string? entryKey = null, string receivedOn = "2020-11-27") =>
        new("Letter", receivedOn, "Organisation", "Healthwatch East Riding", "Chair", "HU17 9AB", null, null, null, entryKey ?? Guid.NewGuid().ToString());

    private static Func<string, IReadOnlyList<string>> Form(params (string Name, string Value)[] fields) =>
        name => [.. fields.Where(f => f.Name == name).Select(f => f.Value)];

    private async Task<KeyInResult> KeyInAsync(Guid consultationId, KeyedResponseInput input, Func<string, IReadOnlyList<string>> form)
    {
        await using var db = _database.CreateContext();
        var submission = new ResponseSubmission(db, new EmailOutbox(db, _time), _time, Options.Create(new ResponseOptions()));
        return await new KeyedResponses(db, submission, new AuditLog(db, _time), _time).KeyInAsync(consultationId, input, form, Officer);
    }

    [Fact]
    public async Task KeyIn_ALetter_StoresAResponseWithItsChannelDayAndAnswers_FromTheSharedCounter_Audited()
    {
        var version = await AddConsultationAsync(_database);

        var first = await KeyInAsync(version.ConsultationId, Letter(), Form(("q-ad", "Disagree"), ("q-ad-explain", "Too fast"), ("q-mc", "GP"), ("q-mc", "Other, please specify"), ("q-mc-other", "Dentist")));
        var second = await KeyInAsync(version.ConsultationId, Letter(), Form());

        Assert.Equal(KeyInOutcome.Entered, first.Outcome);
        Assert.Equal(ResponseReference.SequenceOf(first.Reference!) + 1, ResponseReference.SequenceOf(second.Reference!));
        await using var db = _database.CreateContext();
        var response = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.Reference == first.Reference);
        Assert.Equal(ResponseChannel.Letter, response.Channel);
        Assert.Equal(new DateTime(2020, 11, 27, 12, 0, 0, DateTimeKind.Utc), response.SubmittedUtc);
        Assert.Equal(RespondentType.Organisation, response.RespondentType);
        Assert.Equal("HU17", response.PostcodeDistrict);
        Assert.Equal(PublishingConsent.DoNotPublish, response.PublishingConsent);
        Assert.Equal(["ad", "ad-explain", "mc"], response.Answers.OrderBy(a => a.Id).Select(a => a.QuestionKey));
        var mc = response.Answers.Single(a => a.QuestionKey == "mc");
        Assert.Equal(["GP", "Other, please specify"], mc.Choices);
        Assert.Equal("Dentist", mc.Text);
        var entry = await db.AuditEntries.SingleAsync(e => e.Subject == ResponseList.SubjectOf(first.Reference!));
        Assert.Equal(AuditActions.ResponseKeyedIn, entry.Action);
        Assert.Equal("officer@example.nhs.uk", entry.Actor);
    }

    [Fact]
    public async Task KeyIn_TheSameFormTwice_EntersItOnce()
    {
        var version = await AddConsultationAsync(_database);
        var input = Letter(entryKey: Guid.NewGuid().ToString());

        var first = await KeyInAsync(version.ConsultationId, input, Form());
        var again = await KeyInAsync(version.ConsultationId, input, Form());

        Assert.Equal(KeyInOutcome.AlreadyEntered, again.Outcome);
        Assert.Equal(first.Reference, again.Reference);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Responses.CountAsync());
    }

    [Fact]
    public async Task KeyIn_ReceivedToday_IsStampedNow()
    {
        var version = await AddConsultationAsync(_database);

        var result = await KeyInAsync(version.ConsultationId, Letter(receivedOn: "1/12/2020"), Form());

        await using var db = _database.CreateContext();
        Assert.Equal(_time.GetUtcNow().UtcDateTime, (await db.Responses.SingleAsync(r => r.Reference == result.Reference)).SubmittedUtc);
    }

    [Fact]
    public async Task KeyIn_Invalid_NamesEachFieldAndStoresNothing()
    {
        var version = await AddConsultationAsync(_database);
        var input = new KeyedResponseInput("Online", "2020-12-02", null, null, null, "not a postcode", "no-at-sign", "PublishWithName", "", Guid.NewGuid().ToString());

        var result = await KeyInAsync(version.ConsultationId, input, Form(("q-ad", "Mostly agree")));

        Assert.Equal(KeyInOutcome.Invalid, result.Outcome);
        Assert.Equal(["Channel", "ReceivedOn", "RespondentType", "PostcodeDistrict", "Email", "PublishedName", "q-ad"], result.Errors!.Select(e => e.Field));
        Assert.Equal("The date received must be today or in the past", result.Errors!.Single(e => e.Field == "ReceivedOn").Message);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Responses.CountAsync());
    }

    [Fact]
    public async Task KeyIn_ConsultationWithoutAPublishedVersion_IsNotFound()
    {
        var result = await KeyInAsync(Guid.NewGuid(), Letter(), Form());

        Assert.Equal(KeyInOutcome.NotFound, result.Outcome);
    }

    [Theory]
    [InlineData("2021-01-07", 2021, 1, 7)]
    [InlineData("7/1/2021", 2021, 1, 7)]
    [InlineData("7 January 2021", 2021, 1, 7)]
    public void ParseDay_AcceptsIsoAndUkForms(string typed, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), KeyedResponses.ParseDay(typed));

    [Fact]
    public void ParseDay_NotADate_IsNull() => Assert.Null(KeyedResponses.ParseDay("31/2/2021"));
}
