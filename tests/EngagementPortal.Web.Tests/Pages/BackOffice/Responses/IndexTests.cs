using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Responses;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Responses;

/// <summary>The list of a consultation's responses: counts, filters as a linkable GET form, paging.</summary>
public sealed class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_ListsResponsesNewestFirst_WithCountsAndLinks()
    {
        // The class shares one portal: move past responses other tests added, so these two are the newest.
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var first = await ResponsePages.AddAsync(factory, null, ("ft", null, "Buses first"));
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await ResponsePages.AddAsync(factory, r => r.ModerationState = ModerationState.Spam, ("ft", null, "Buy now"));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var html = await (await client.GetAsync(ResponsePages.ListUrl(first.ConsultationId))).ReadHtmlAsync();

        var references = html.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent).ToList();
        Assert.True(references.IndexOf(second.Reference) < references.IndexOf(first.Reference), string.Join(";", references) + " / " + second.Reference + " " + first.Reference);
        Assert.Contains("1 spam", html.QuerySelector("main p")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(html.QuerySelector($"a[href='/backoffice/consultations/{first.ConsultationId}/responses/{first.Id}']"));
        Assert.NotNull(html.QuerySelector($"a[href='/backoffice/consultations/{first.ConsultationId}/responses/new']"));
    }

    [Fact]
    public async Task Get_Filtered_ShowsOnlyMatches_AndTheFormKeepsTheFilters()
    {
        var letter = await ResponsePages.AddAsync(factory, r => { r.Channel = ResponseChannel.Letter; r.RespondentType = RespondentType.PartnerOrganisation; r.OrganisationName = "Hull City Council"; }, ("ad", "Disagree", null));
        await ResponsePages.AddAsync(factory, r => r.Channel = ResponseChannel.Letter, ("ad", "Agree", null));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var html = await (await client.GetAsync(ResponsePages.ListUrl(letter.ConsultationId) + "?channel=Letter&answer=ad%3ADisagree&type=PartnerOrganisation&q=hull")).ReadHtmlAsync();

        var row = Assert.Single(html.QuerySelectorAll("tbody tr"));
        Assert.Contains(letter.Reference, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Partner organisation: Hull City Council", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 response matches", html.QuerySelector("#results")!.TextContent);
        Assert.Equal("Letter", html.QuerySelector("#channel option[selected]")!.GetAttribute("value"));
        Assert.Equal("ad:Disagree", html.QuerySelector("#answer option[selected]")!.GetAttribute("value"));
        Assert.Equal("hull", html.QuerySelector("#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Get_DateThatIsNotADate_IsReportedAndLeftOut()
    {
        var response = await ResponsePages.AddAsync(factory);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var get = await client.GetAsync(ResponsePages.ListUrl(response.ConsultationId) + "?from=31-02-2020&to=2020-11-30");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var errors = await ResponsePages.ErrorSummaryAsync(get);
        Assert.Equal(["Date received from must be a real date, like 2021-01-08"], errors);
    }

    [Fact]
    public async Task Get_ManyResponses_PagesByFifty_WithLinksThatKeepTheFilter()
    {
        for (var i = 0; i < ResponseList.PageSize + 1; i++)
        {
            await ResponsePages.AddAsync(factory, r => r.Channel = ResponseChannel.EventNotes);
        }

        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var url = ResponsePages.ListUrl(await ResponsePages.ConsultationAsync(factory)) + "?channel=EventNotes";

        var first = await (await client.GetAsync(url)).ReadHtmlAsync();
        var next = first.QuerySelector(".nhsuk-pagination__link--next")!.GetAttribute("href")!;
        var second = await (await client.GetAsync(ResponsePages.ListUrl(await ResponsePages.ConsultationAsync(factory)) + next)).ReadHtmlAsync();

        Assert.Equal(ResponseList.PageSize, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("?channel=EventNotes&p=2", next);
        Assert.Single(second.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Get_UnknownConsultation_IsNotFound()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ResponsePages.ListUrl(Guid.NewGuid()))).StatusCode);
    }
}
