using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Account;

public sealed class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_ShowsTheFormWithAutocompleteHints()
    {
        var response = await factory.CreatePortalClient().GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal("username", html.QuerySelector("#email")!.GetAttribute("autocomplete"));
        Assert.Equal("current-password", html.QuerySelector("#password")!.GetAttribute("autocomplete"));
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Post_Empty_ShowsBothErrorsLinkedToTheirFields()
    {
        var response = await factory.CreatePortalClient().PostFormAsync("/account/sign-in", new() { ["Email"] = "", ["Password"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = (await response.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(("#email", "Enter your email address"), links);
        Assert.Contains(("#password", "Enter your password"), links);
    }

    [Fact]
    public async Task Post_UnknownEmailAndWrongPassword_GiveTheSameAnswer()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Partner, twoFactor: false);
        var client = factory.CreatePortalClient();

        var unknown = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = "nobody-" + Guid.NewGuid().ToString("N") + "@example.nhs.uk", ["Password"] = "wrong password here" });
        var wrong = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = "wrong password here" });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var unknownError = (await unknown.ReadHtmlAsync()).QuerySelector(".nhsuk-error-message")!.TextContent;
        var wrongError = (await wrong.ReadHtmlAsync()).QuerySelector(".nhsuk-error-message")!.TextContent;
        Assert.Equal(unknownError, wrongError);
        Assert.Contains("email address or password is not correct", wrongError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FiveWrongPasswords_LockTheAccountWithTheSameMessage_AndAreAudited()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Partner, twoFactor: false);
        var client = factory.CreatePortalClient();
        string? firstError = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = "not the password " + i });
            firstError ??= (await response.ReadHtmlAsync()).QuerySelector(".nhsuk-error-message")!.TextContent;
        }

        var withRightPassword = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Equal(firstError, (await withRightPassword.ReadHtmlAsync()).QuerySelector(".nhsuk-error-message")!.TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var actions = await db.AuditEntries.Where(e => e.Actor == account.Email).Select(e => e.Action).ToListAsync();
        // The fifth wrong password is the one that locks; the right one after it is refused as locked.
        Assert.Equal(4, actions.Count(a => a == AuditActions.SignInFailed));
        Assert.Equal(2, actions.Count(a => a == AuditActions.LockedOut));
        Assert.DoesNotContain(AuditActions.SignIn, actions);
    }

    [Fact]
    public async Task Post_RightPassword_Partner_SignsInWithThePortalCookie()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Partner, twoFactor: false);

        var response = await factory.CreatePortalClient().PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal-auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_ReturnUrlOffSite_IsIgnored()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Partner, twoFactor: false);

        var response = await factory.CreatePortalClient().PostFormAsync("/account/sign-in?returnUrl=//evil.example/", new() { ["Email"] = account.Email, ["Password"] = account.Password, ["ReturnUrl"] = "//evil.example/" });

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Staff_PasswordThenAuthenticatorCode_ReachesTheBackOffice()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Officer);
        var client = factory.CreatePortalClient();

        var afterPassword = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        Assert.StartsWith("/account/sign-in/code", afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/backoffice")).StatusCode);

        var wrong = await client.PostFormAsync("/account/sign-in/code", new() { ["Code"] = "000000" == Totp.Now(account.AuthenticatorKey!) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The code is not correct", (await wrong.ReadHtmlAsync()).QuerySelector(".nhsuk-error-message")!.TextContent, StringComparison.Ordinal);

        var right = await client.PostFormAsync("/account/sign-in/code", new() { ["Code"] = Totp.Now(account.AuthenticatorKey!) });
        Assert.Equal("/backoffice", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode);
    }

    [Fact]
    public async Task CodePage_WithoutAPasswordFirst_GoesBackToSignIn()
    {
        var response = await factory.CreatePortalClient().GetAsync("/account/sign-in/code");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var response = await client.PostFormAsync("/backoffice", [], action: "/account/sign-out");

        Assert.Equal("/account/sign-in?reason=signed-out", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/backoffice")).StatusCode);
    }
}
