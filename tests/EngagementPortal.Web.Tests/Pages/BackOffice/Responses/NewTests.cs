using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Tests.Pages.Consultations.Respond;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Responses;

/// <summary>Keying in a response from another channel: server-validated, a reference from the shared counter, audited.</summary>
public sealed class NewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpClient Client, string Url, string EntryKey)> OpenAsync()
    {
        var consultationId = await ResponsePages.ConsultationAsync(factory);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var url = ResponsePages.ListUrl(consultationId) + "/new";
        var html = await (await client.GetAsync(url)).ReadHtmlAsync();
        return (client, url, html.QuerySelector("input[name=EntryKey]")!.GetAttribute("value")!);
    }

    [Fact]
    public async Task Get_ShowsEveryChannelOfficersKeyInAndEveryQuestion()
    {
        var (client, url, entryKey) = await OpenAsync();

        var html = await (await client.GetAsync(url)).ReadHtmlAsync();

        Assert.True(Guid.TryParse(entryKey, out _));
        Assert.Equal(KeyedResponses.Channels.Select(c => c.ToString()), html.QuerySelectorAll("input[name=Channel]").Select(i => i.GetAttribute("value")!));
        foreach (var id in new[] { "q-ft", "q-ad", "q-ad-explain", "q-sc", "q-sc-other", "q-mc", "q-mc-other", "q-yn", "q-last" })
        {
            Assert.NotNull(html.QuerySelector("#" + id));
        }
    }

    [Fact]
    public async Task Post_ALetter_EntersItWithAReference_CountsInTheList_AndIsAudited()
    {
        var (client, url, entryKey) = await OpenAsync();

        var post = await client.PostAsync(url,
        [
            ("EntryKey", entryKey), ("Channel", "Letter"), ("ReceivedOn", "2020-11-27"), ("RespondentType", "Organisation"), ("OrganisationName", "Healthwatch East Riding"), ("Role", "Chair"),
            ("q-ft", "Transport to appointments"), ("q-mc", "GP"), ("q-mc", "A&E"), ("q-yn", "No"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var list = await (await client.GetAsync(post.Headers.Location!.OriginalString)).ReadHtmlAsync();
        var notice = list.QuerySelector("[role=status]")!.TextContent.Trim();
        Assert.StartsWith("Response entered. Its reference is ICS-", notice, StringComparison.Ordinal);
        var reference = notice["Response entered. Its reference is ".Length..^1];
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Contains("Letter", row.TextContent, StringComparison.Ordinal);
        var stored = await Db.QueryAsync(factory, db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.Reference == reference));
        Assert.Equal(ResponseChannel.Letter, stored.Channel);
        Assert.Equal(["GP", "A&E"], stored.Answers.Single(a => a.QuestionKey == "mc").Choices);
        Assert.Equal(AuditActions.ResponseKeyedIn, await Db.QueryAsync(factory, db => db.AuditEntries.Where(e => e.Subject == ResponseList.SubjectOf(reference)).Select(e => e.Action).SingleAsync()));
    }

    [Fact]
    public async Task Post_Invalid_ShowsEveryErrorInFormOrder_AndKeepsWhatWasTyped()
    {
        var (client, url, entryKey) = await OpenAsync();
        var before = await Db.ResponseCountAsync(factory);

        var post = await client.PostAsync(url, [("EntryKey", entryKey), ("ReceivedOn", "2030-01-01"), ("RespondentType", "Organisation"), ("q-ft", "Kept text"), ("q-sc", "Other")]);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(
            ["Select how the response arrived", "The date received must be today or in the past", "Enter the name of the organisation", "Enter the respondent's role in the organisation", "Tell us what you mean by \"Other\" for question 3"],
            await ResponsePages.ErrorSummaryAsync(post));
        var html = await post.ReadHtmlAsync();
        Assert.Equal("Kept text", html.QuerySelector("#q-ft")!.TextContent);
        Assert.True(html.QuerySelector("#q-sc-2")!.HasAttribute("checked"));
        Assert.Equal("2030-01-01", html.QuerySelector("#receivedon")!.GetAttribute("value"));
        Assert.Equal(before, await Db.ResponseCountAsync(factory));
    }

    [Fact]
    public async Task Post_TheSameFormTwice_EntersOneResponse()
    {
        var (client, url, entryKey) = await OpenAsync();
        (string, string)[] fields = [("EntryKey", entryKey), ("Channel", "Telephone"), ("ReceivedOn", "2020-11-30"), ("RespondentType", "Individual")];
        var before = await Db.ResponseCountAsync(factory);

        var first = await client.PostAsync(url, fields);
        var second = await client.PostAsync(url, fields);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await Db.ResponseCountAsync(factory));
    }
}
