using System.Globalization;
using System.Net;
using CsvHelper;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Tests.Pages.Consultations.Respond;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Responses;

public sealed class ExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_StreamsACsvOfEveryResponse_ThatParsesBack_WithFormulasNeutralised_AndIsAudited()
    {
        var response = await ResponsePages.AddAsync(factory, r => { r.Channel = ResponseChannel.EasyReadForm; r.ModerationState = ModerationState.Duplicate; r.ModerationReason = "Same as another"; }, ("ft", null, "=1+1"), ("sc", "Other", "Walk-in \"centre\", Hull"));
        var (client, account) = await factory.SignInAsAsync(PortalRoles.Officer);

        var get = await client.GetAsync(ResponsePages.ListUrl(response.ConsultationId) + "/export");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("text/csv", get.Content.Headers.ContentType!.MediaType);
        Assert.Equal("responses-all-types-2020-12-01.csv", get.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var text = await get.Content.ReadAsStringAsync();
        await using var csv = CsvReader.Create(new StringReader(text.TrimStart('\uFEFF')), CsvReaderOptions.Default with { HasHeader = false }, false);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        var header = rows[0];
        var row = rows.Single(r => r[0] == response.Reference);
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal("Easy Read form", Cell("Channel"));
        Assert.Equal("Duplicate", Cell("Moderation"));
        Assert.Equal("Same as another", Cell("Moderation reason"));
        Assert.Equal("'=1+1", Cell("Q1 What matters most to you?"));
        Assert.Equal("Other", Cell("Q3 Where do you go first?"));
        Assert.Equal("Walk-in \"centre\", Hull", Cell("Q3 Where do you go first? (other, please specify)"));
        Assert.Contains("Q4 Which services have you used?: A&E", header);
        Assert.Equal(await Db.ResponseCountAsync(factory), rows.Count - 1);
        Assert.True(await Db.QueryAsync(factory, db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ResponsesExported && e.Actor == account.Email)));
    }

    [Fact]
    public async Task Get_UnknownConsultation_IsNotFound()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ResponsePages.ListUrl(Guid.NewGuid()) + "/export")).StatusCode);
    }
}
