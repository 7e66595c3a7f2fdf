using System.Net;
using EngagementPortal.Core.Accounts;

namespace EngagementPortal.Web.Tests.Pages.Account;

/// <summary>Idle timeout (20 minutes by default) with a warning and a way to stay signed in (WCAG 2.2.1).</summary>
public sealed class SessionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task BackOfficePage_SaysWhenTheSessionEnds_AndOffersToStaySignedInWithoutScript()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var html = await (await client.GetAsync("/backoffice")).ReadHtmlAsync();

        var banner = html.QuerySelector("#session-timeout")!;
        Assert.Contains("signed out after 20 minutes without activity, at 10:20am", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("/account/session", banner.QuerySelector("form")!.GetAttribute("action"));
        Assert.NotNull(banner.QuerySelector("form input[name=__RequestVerificationToken]"));
        Assert.Equal("1200", banner.GetAttribute("data-timeout-seconds"));
        Assert.True(html.QuerySelector("#session-warning")!.HasAttribute("hidden"));
        Assert.NotNull(html.QuerySelector("script[src^='/js/session-timeout.js'][nonce]"));
    }

    [Fact]
    public async Task Idle_PastTheTimeout_IsSignedOut()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        factory.Time.Advance(TimeSpan.FromMinutes(21));
        var response = await client.GetAsync("/backoffice");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaySignedIn_ExtendsTheSession()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        factory.Time.Advance(TimeSpan.FromMinutes(19));

        var stay = await client.PostFormAsync("/backoffice", new() { ["returnUrl"] = "/backoffice" }, action: "/account/session");
        Assert.Equal("/backoffice", stay.Headers.Location!.OriginalString);
        factory.Time.Advance(TimeSpan.FromMinutes(19));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode);
    }

    [Fact]
    public async Task StaySignedIn_FromScript_AnswersNoContent()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var token = (await (await client.GetAsync("/backoffice")).ReadHtmlAsync()).QuerySelector("#session-timeout input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/session") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) };
        request.Headers.Add("X-Requested-With", "fetch");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
