using System.Net;
using System.Text;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Account;

public sealed class TwoFactorTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Enrolment_ScanWrongCodeRightCode_ShowsTenRecoveryCodesAndOpensTheBackOffice()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Officer, twoFactor: false);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        Assert.Equal("/account/two-factor", (await client.GetAsync("/backoffice")).Headers.Location!.OriginalString);

        var page = await (await client.GetAsync("/account/two-factor")).ReadHtmlAsync();
        var key = page.QuerySelector("#shared-key")!.TextContent;
        var qr = page.QuerySelector("img.portal-qr")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/svg+xml;base64,", qr, StringComparison.Ordinal);
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(qr["data:image/svg+xml;base64,".Length..]));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);

        var wrong = await client.PostFormAsync("/account/two-factor", new() { ["Code"] = "12345" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Enter the 6-digit code from your authenticator app", (await wrong.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);

        var right = await client.PostFormAsync("/account/two-factor", new() { ["Code"] = Totp.Now(key) });
        Assert.Equal("/account/recovery-codes", right.Headers.Location!.OriginalString);
        var codes = (await (await client.GetAsync("/account/recovery-codes")).ReadHtmlAsync()).QuerySelectorAll(".portal-recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode);

        // Shown once only.
        Assert.Empty((await (await client.GetAsync("/account/recovery-codes")).ReadHtmlAsync()).QuerySelectorAll(".portal-recovery-codes code"));
        await using var scope = factory.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries.Where(e => e.ActorId == account.Id).Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.TwoFactorEnabled, actions);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Officer, twoFactor: false);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        var key = (await (await client.GetAsync("/account/two-factor")).ReadHtmlAsync()).QuerySelector("#shared-key")!.TextContent;
        await client.PostFormAsync("/account/two-factor", new() { ["Code"] = Totp.Now(key) });
        var code = (await (await client.GetAsync("/account/recovery-codes")).ReadHtmlAsync()).QuerySelector(".portal-recovery-codes code")!.TextContent;

        var first = factory.CreatePortalClient();
        await first.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var used = await first.PostFormAsync("/account/sign-in/recovery-code", new() { ["Code"] = code });
        Assert.Equal("/backoffice", used.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/backoffice")).StatusCode);

        var second = factory.CreatePortalClient();
        await second.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var again = await second.PostFormAsync("/account/sign-in/recovery-code", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("not correct or has already been used", (await again.ReadHtmlAsync()).QuerySelector(".nhsuk-error-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongAuthenticatorCodes_LockTheAccountToo()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Officer);
        var client = factory.CreatePortalClient();
        await client.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var right = Totp.Now(account.AuthenticatorKey!);
        var wrong = right == "000000" ? "000001" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/account/sign-in/code", new() { ["Code"] = wrong });
        }

        var response = await client.PostFormAsync("/account/sign-in/code", new() { ["Code"] = right });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", (await response.ReadHtmlAsync()).QuerySelector(".nhsuk-error-message")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class TwoFactorOptionalTests : IClassFixture<TwoFactorOptionalTests.Factory>
{
    private readonly Factory _factory;

    public TwoFactorOptionalTests(Factory factory) => _factory = factory;

    public sealed class Factory : PortalFactory
    {
        public Factory() => Settings["Security:RequireTwoFactorForStaff"] = "false";
    }

    [Fact]
    public async Task RequireTwoFactorForStaffOff_OfficerWithPasswordOnly_ReachesTheBackOffice()
    {
        var account = await _factory.CreateAccountAsync(PortalRoles.Officer, twoFactor: false);
        var client = _factory.CreatePortalClient();
        await client.SignInAsync(account);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode);
    }
}
