using System.Net;
using EngagementPortal.Core.Accounts;

namespace EngagementPortal.Web.Tests.Pages.Account;

public sealed class ChangePasswordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task WrongCurrentPassword_OrCommonNewOne_IsExplained()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        var wrong = await client.PostFormAsync("/account/change-password", new() { ["CurrentPassword"] = "not it at all", ["Password"] = "copper kettle meadow", ["ConfirmPassword"] = "copper kettle meadow" });
        var common = await client.PostFormAsync("/account/change-password", new() { ["CurrentPassword"] = Accounts.Password, ["Password"] = "password123456", ["ConfirmPassword"] = "password123456" });

        Assert.Equal("Your current password is not correct", (await wrong.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);
        Assert.StartsWith("This password is too common", (await common.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_KeepsThisSession_EndsOthers_AndTheNewPasswordWorks()
    {
        var (client, account) = await factory.SignInAsAsync(PortalRoles.Officer);
        var other = factory.CreatePortalClient();
        await other.SignInAsync(account);

        var response = await client.PostFormAsync("/account/change-password", new() { ["CurrentPassword"] = account.Password, ["Password"] = "copper kettle meadow", ["ConfirmPassword"] = "copper kettle meadow" });
        factory.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/backoffice")).StatusCode);
        var again = factory.CreatePortalClient();
        await again.SignInAsync(account with { Password = "copper kettle meadow" });
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/backoffice")).StatusCode);
    }
}
