using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Tests.Pages.BackOffice.Coding;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Consultations;

/// <summary>The dashboard draws its charts on the server as accessible SVG, with the same figures in tables.</summary>
public sealed class DashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Dashboard_ShowsCountedResponses_ChartsWithTitlesAndTables_AndTimeLeft()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await CodingData.ConsultationAsync(factory);
        await CodingData.RespondAsync(factory, id, ["One", "Two"], agree: "Agree");
        await CodingData.RespondAsync(factory, id, ["Three"], agree: "Disagree", channel: ResponseChannel.Letter);
        await CodingData.RespondAsync(factory, id, ["Campaign text"], agree: "Disagree", moderation: ModerationState.Campaign);
        await CodingData.RespondAsync(factory, id, ["Spam"], agree: "Agree", moderation: ModerationState.Spam);

        var response = await client.GetAsync($"/backoffice/consultations/{id}/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal("4, of which 1 are campaign responses", html.QuerySelector("#counted")!.TextContent);
        Assert.Equal("38 days left (11:59pm on Friday 8 January 2021)", html.QuerySelector("#closes")!.TextContent);
        Assert.Equal("20 days left (5pm on Monday 21 December 2020)", html.QuerySelector("#deadline")!.TextContent);

        var charts = html.QuerySelectorAll("svg.portal-chart");
        Assert.Equal(4, charts.Length); // by day, by type, by channel, question 2
        foreach (var chart in charts)
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            var labels = chart.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.Equal(chart.QuerySelector("title")!.Id, labels[0]);
            Assert.Equal(chart.QuerySelector("desc")!.Id, labels[1]);
        }

        var question = html.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Question 2: Do you agree?");
        var rows = question.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        Assert.Equal(("2", "2", "0"), (rows["Agree"], rows["Disagree"], rows["Not answered"]));
        var channels = html.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Responses by channel");
        Assert.Equal(["Online", "Letter"], channels.QuerySelectorAll("tbody th").Select(th => th.TextContent));
        var byDay = html.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Responses by day");
        Assert.Equal("4", byDay.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Mon 30 Nov").QuerySelector("td")!.TextContent);
        Assert.Empty(EngagementPortal.TestCommon.InertHtml.Problems(html.QuerySelector("main")!.OuterHtml));
    }

    [Fact]
    public async Task Dashboard_NoResponses_SaysSo_UnknownConsultation_IsNotFound()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await CodingData.ConsultationAsync(factory);

        var html = await (await client.GetAsync($"/backoffice/consultations/{id}/dashboard")).ReadHtmlAsync();

        Assert.Contains("No responses yet.", html.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/backoffice/consultations/{Guid.NewGuid()}/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Overview_LinksToTheDashboardAndCoding()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var id = await CodingData.ConsultationAsync(factory);

        var html = await (await client.GetAsync($"/backoffice/consultations/{id}")).ReadHtmlAsync();

        var links = html.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/backoffice/consultations/{id}/dashboard", links);
        Assert.Contains($"/backoffice/consultations/{id}/coding", links);
    }
}
