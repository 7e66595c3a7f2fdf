using System.Globalization;
using CsvHelper;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Exports.Csv;
using EngagementPortal.Core.Responses;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using static EngagementPortal.Core.Tests.Responses.ResponseFixtures;

namespace EngagementPortal.Core.Tests.Exports.Csv;

public sealed class ResponsesCsvTests : IDisposable
{
    private static readonly DateTime Day = new(2020, 11, 20, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private async Task<List<Dictionary<string, string>>> ExportAsync(Guid consultationId)
    {
        await using var db = _database.CreateContext();
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var version = await new ResponseList(db).VersionAsync(consultationId);
        await new ResponsesCsv(db, new AuditLog(db, _time)).ExportAsync(version!, writer, Officer);
        return await CsvRows.ReadAsync(writer.ToString());
    }

    [Fact]
    public async Task Export_OneRowPerResponse_OneColumnPerAnswerAndOption_WithThemesChannelAndModeration_Audited()
    {
        var version = await AddConsultationAsync(_database);
        var first = Response(version, Day, r => { r.Channel = ResponseChannel.Letter; r.RespondentType = RespondentType.Organisation; r.OrganisationName = "Healthwatch Hull"; })
            .WithAnswer("ft", text: "Buses are poor").WithAnswer("ad", choice: "Agree").WithAnswer("ad-explain", text: "Joined up")
            .WithAnswer("sc", choice: "Other", text: "Walk-in centre").WithAnswer("mc", null, "Dentist", "A&E", "Other, please specify");
        var second = Response(version, Day.AddHours(1), r => { r.ModerationState = ModerationState.Campaign; r.ModerationReason = "Campaign text"; });
        await AddAsync(_database, second, first);
        await TagAsync(_database, first, "ft", "Transport");
        await TagAsync(_database, first, "ft", "Access");

        var rows = await ExportAsync(version.ConsultationId);

        Assert.Equal(2, rows.Count);
        var row = rows[0];
        Assert.Equal(first.Reference, row["Reference"]);
        Assert.Equal("2020-11-20 10:00", row["Received (UK time)"]);
        Assert.Equal("Letter", row["Channel"]);
        Assert.Equal("Organisation", row["Respondent type"]);
        Assert.Equal("Healthwatch Hull", row["Organisation"]);
        Assert.Equal("None", row["Moderation"]);
        Assert.Equal("Buses are poor", row["Q1 What matters most to you?"]);
        Assert.Equal(["Access", "Transport"], row["Q1 What matters most to you? (themes)"].Split("; ").Order(StringComparer.Ordinal));
        Assert.Equal("Agree", row["Q2 Do you agree?"]);
        Assert.Equal("Joined up", row["Q2 Do you agree? (Please explain your answer)"]);
        Assert.Equal("Other", row["Q3 Where do you go first?"]);
        Assert.Equal("Walk-in centre", row["Q3 Where do you go first? (other, please specify)"]);
        Assert.Equal("", row["Q4 Which services have you used?: GP"]);
        Assert.Equal("Yes", row["Q4 Which services have you used?: A&E"]);
        Assert.Equal("Yes", row["Q4 Which services have you used?: Other, please specify"]);
        Assert.Equal("Dentist", row["Q4 Which services have you used? (other, please specify)"]);
        Assert.Equal("Campaign", rows[1]["Moderation"]);
        Assert.Equal("Campaign text", rows[1]["Moderation reason"]);
        Assert.Equal("", rows[1]["Q2 Do you agree?"]);
        await using var db = _database.CreateContext();
        Assert.Equal(AuditActions.ResponsesExported, (await db.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task Export_FormulasAreNeutralised_AndRedactedTextIsWhatIsExported()
    {
        var version = await AddConsultationAsync(_database);
        var response = Response(version, Day, r => { r.RespondentType = RespondentType.Organisation; r.OrganisationName = "=HYPERLINK(\"http://evil\")"; })
            .WithAnswer("ft", text: "+cmd|' /C calc'!A0").WithAnswer("ad-explain", text: "Jane Smith said so");
        await AddAsync(_database, response);
        await using (var db = _database.CreateContext())
        {
            await db.ResponseAnswers.Where(a => a.QuestionKey == "ad-explain").ExecuteUpdateAsync(s => s.SetProperty(a => a.RedactedText, "[redacted] said so"));
        }

        var row = Assert.Single(await ExportAsync(version.ConsultationId));

        Assert.Equal("'=HYPERLINK(\"http://evil\")", row["Organisation"]);
        Assert.Equal("'+cmd|' /C calc'!A0", row["Q1 What matters most to you?"]);
        Assert.Equal("[redacted] said so", row["Q2 Do you agree? (Please explain your answer)"]);
    }

    [Fact]
    public async Task Export_QuestionsRevisedOrDroppedSince_KeepEveryAnsweredKeyInAColumn()
    {
        var first = await AddConsultationAsync(_database);

        // Version 2: the single choice changed meaning (new options, so revision 2 and answer key "sc@2"), the
        // agree question lost its follow-up, and the free-text question was dropped.
        var second = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            ConsultationId = first.ConsultationId,
            Number = 2,
            State = VersionState.Published,
            Title = first.Title,
            Summary = first.Summary,
            Body = first.Body,
            ContentHash = "test-2",
            Questions = [Agree with { FollowUpLabel = null }, EngagementPortal.Core.Tests.Responses.ResponseFixtures.Single with { Options = ["GP", "Walk-in centre"], Revision = 2 }, Multiple],
            AuthoredOpensUtc = first.AuthoredOpensUtc,
            AuthoredClosesUtc = first.AuthoredClosesUtc,
        };
        second.ApplyDemoShift(0);
        await using (var db = _database.CreateContext())
        {
            await db.ConsultationVersions.Where(v => v.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.State, VersionState.Superseded));
            db.ConsultationVersions.Add(second);
            await db.SaveChangesAsync();
        }

        var before = Response(first, Day).WithAnswer("ft", text: "Buses are poor").WithAnswer("ad", choice: "Agree").WithAnswer("ad-explain", text: "Joined up").WithAnswer("sc", choice: "Pharmacy");
        var after = Response(second, Day.AddHours(1)).WithAnswer("ad", choice: "Disagree").WithAnswer("sc@2", choice: "Walk-in centre");
        var stray = Response(second, Day.AddHours(2)).WithAnswer("retired-key", choice: "Yes", text: "kept");
        await AddAsync(_database, before, after, stray);

        var rows = await ExportAsync(first.ConsultationId);

        Assert.Equal([before.Reference, after.Reference, stray.Reference], rows.Select(r => r["Reference"]));
        Assert.Equal(["Agree", "Disagree", ""], rows.Select(r => r["Q2 Do you agree?"]));
        Assert.Equal(["", "Walk-in centre", ""], rows.Select(r => r["Q3 Where do you go first?"]));
        Assert.Equal(["Pharmacy", "", ""], rows.Select(r => r["Q3 Where do you go first? [earlier version 1]"]));
        Assert.Equal(["Joined up", "", ""], rows.Select(r => r["Q2 Do you agree? [earlier version 1] (Please explain your answer)"]));
        Assert.Equal(["Buses are poor", "", ""], rows.Select(r => r["Q1 What matters most to you? [earlier version 1]"]));
        Assert.Equal(["", "", "Yes; kept"], rows.Select(r => r["Answer retired-key"]));
    }

    [Fact]
    public async Task Export_NoResponses_IsTheHeaderOnly()
    {
        var version = await AddConsultationAsync(_database);

        Assert.Empty(await ExportAsync(version.ConsultationId));
    }
}
